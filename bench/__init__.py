"""Load benchmarks (`make bench`)."""
