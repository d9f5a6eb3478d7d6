"""What the web chat takes as a photo, for both web apps: the chat page, which receives one,
and the staff console, which shows it.

A photo's type is read from its first bytes (the file format's signature), never from the
name or the Content-Type the browser sent, which are whatever the sender says. Only formats a
browser treats as a picture, never as a page or a script, are taken: JPEG, PNG, GIF, WebP, and
HEIC/HEIF, what an iPhone's camera saves. SVG is not: it is a document that can carry script.
The console checks the bytes again before it serves them, and serves them only as the type
they prove.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

MAX_PHOTO_MEGABYTES = 10
MAX_PHOTO_BYTES = MAX_PHOTO_MEGABYTES * 1024 * 1024


@dataclass(frozen=True)
class PhotoType:
    """A format taken as a photo: its media type, its name for people, the usual end of its file
    names, and whether browsers show it (a HEIC photo is offered to staff as a download
    instead: Chromium and Firefox cannot show one)."""

    content_type: str
    name: str
    extension: str
    shown_in_browsers: bool = True


JPEG = PhotoType("image/jpeg", "JPEG", "jpg")
PNG = PhotoType("image/png", "PNG", "png")
GIF = PhotoType("image/gif", "GIF", "gif")
WEBP = PhotoType("image/webp", "WebP", "webp")
HEIC = PhotoType("image/heic", "HEIC", "heic", shown_in_browsers=False)
HEIF = PhotoType("image/heif", "HEIF", "heif", shown_in_browsers=False)
TAKEN = (JPEG, PNG, WEBP, HEIC, HEIF, GIF)

# The brands an ISO media file (an `ftyp` box first) names for a HEIF still image: HEVC-coded
# (HEIC, as cameras save) or any codec (HEIF). AVIF, video and the rest are not taken.
HEIC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"hevm", b"hevs"})
HEIF_BRANDS = frozenset({b"mif1", b"msf1"})

# What the assistant says of photos: the domain's responses (domain/common.yml), by name. The
# thanks is the one SMS, WhatsApp and Messenger send to a photo alone too (bot/rasa/channels).
PHOTO_RECEIVED = "utter_photo_received"
EMPTY = "utter_photo_empty"
TOO_BIG = "utter_photo_too_big"
NOT_A_PHOTO = "utter_photo_not_a_photo"


class PhotoRefused(ValueError):
    """A file that is not taken, with the response that tells the tenant why."""

    def __init__(self, response: str) -> None:
        super().__init__(response)
        self.response = response


def type_named(content_type: str) -> Optional[PhotoType]:
    """The format taken as a photo with this media type, if any (what the console shows inline)."""
    return next((taken for taken in TAKEN if taken.content_type == content_type), None)


def photo_type(data: bytes) -> Optional[PhotoType]:
    """The format the bytes are in, if it is one taken as a photo; None for anything else."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP" and data[12:16] in (b"VP8 ", b"VP8L", b"VP8X"):
        return WEBP
    if data[4:8] == b"ftyp":
        brand = data[8:12]
        if brand in HEIC_BRANDS:
            return HEIC
        if brand in HEIF_BRANDS:
            return HEIF
    return None


def checked_photo(data: bytes) -> PhotoType:
    """The photo's type; PhotoRefused, saying why in the tenant's terms, for an empty file, one
    over MAX_PHOTO_BYTES, or one whose bytes are not a photo's."""
    if not data:
        raise PhotoRefused(EMPTY)
    if len(data) > MAX_PHOTO_BYTES:
        raise PhotoRefused(TOO_BIG)
    found = photo_type(data)
    if found is None:
        raise PhotoRefused(NOT_A_PHOTO)
    return found
