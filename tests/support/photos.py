"""Small real photos for the tests, one of each format the web chat takes: 48 by 32 pixels, a
blue box on red, made with Pillow once and kept here as text, so no test needs an image library.
HEIC has no encoder to hand, so it is the start of an iPhone photo's file: its `ftyp` box."""

import base64

JPEG = base64.b64decode(
    "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA0JCgsKCA0LCgsODg0PEyAVExISEyccHhcgLikxMC4pLSwzOko+MzZGNywtQFdBRkxOUlNSMj5a"
    "YVpQYEpRUk//2wBDAQ4ODhMREyYVFSZPNS01T09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT09PT0//wAAR"
    "CAAgADADASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEG"
    "E1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWG"
    "h4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEB"
    "AQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYk"
    "NOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0"
    "tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwDOooqlXPhcL9Yvrax7WOx31Xl92979bbF2"
    "iqVFdf8AZf8Af/D/AIJ5/wDbn/Tv8f8AgF2iqVW0+4v0rlxWE9gk73ud2CzD61Jx5bW87/oOqlV2m7F/uj8qMHilQvdXuGYYKWK5eV2tf8bF"
    "Sirexf7o/KjYv90flXb/AGpD+Vnm/wBiVP50VKtp9xfpRsX+6Pyp1cmLxca8UkrWPQwGAlhZNt3uf//Z"
)
PNG = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAADAAAAAgCAIAAADbtmxLAAAAYElEQVR4nO3XsQ2AMAwAwThiDuoMkTmYhRGYhUmYg0nog9BXES7+Sqfwy13i6q1k"
    "Uv8OGBlEDCIGkeXrYVv32bvP+3gP013IIGIQMYgYRAwiBhGDSLqg8KMIDCIGkXRBD/0OBZkGW14sAAAAAElFTkSuQmCC"
)
GIF = base64.b64decode(
    "R0lGODdhMAAgAIEAAMg8KB5aoAAAAAAAACwAAAAAMAAgAEAIcgABCBxIsKDBgwgTKgQQoKHDhxAjSoS4kODEixgjVhyYsSPGjSBDiizosaRGkCZT"
    "NhzJsqXLlzBjtlSZMiRNkzZvesypM6PMn0CDCh1KtKjRoyx7duSpdCLTpic3Qr34dKrDqlYDYLW6dSrSr2DDim0ZEAA7"
)
WEBP = base64.b64decode(
    "UklGRpQAAABXRUJQVlA4IIgAAADwBQCdASowACAAPm0ukkYkIqGhKrgN+IANiWoAuznRfgH4Z6YD8SfwzAGINVqkmXV3fytTHqdFwAD+7afq"
    "ldv+fNyt5nlHrIPuv5x043UoRhe/vloLjD/p84h329i+//yCdcW99YV87qgfwcaGT8K4+u/2cmWH3mAOHL4fbvfuW5Bv/7mjaAAA"
)
HEIC = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + b"\x00" * 64
# A file named .jpg that is really a web page: what a forged upload looks like.
HTML_AS_JPG = b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
