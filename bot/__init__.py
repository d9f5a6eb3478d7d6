"""The assistant's own package: plain, typed Python that a test can call directly."""
