"""What the web chat takes as a photo: read from the bytes alone, never from a name or a
Content-Type, and no bigger than MAX_PHOTO_BYTES."""

import os

import pytest

from bot.web import photos
from bot.web.photos import MAX_PHOTO_BYTES, PhotoRefused, checked_photo, photo_type
from tests.support import photos as samples


def jpeg_of(size):
    """A real photo's start, padded out to `size` bytes."""
    return samples.JPEG[:-2] + b"\x00" * (size - len(samples.JPEG)) + b"\xff\xd9"


@pytest.mark.parametrize(
    "data, taken_as",
    [
        (samples.JPEG, photos.JPEG),
        (samples.PNG, photos.PNG),
        (samples.GIF, photos.GIF),
        (samples.WEBP, photos.WEBP),
        (samples.HEIC, photos.HEIC),
        (b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heic" + b"\x00" * 16, photos.HEIF),
        (b"GIF87a" + samples.GIF[6:], photos.GIF),
        (jpeg_of(MAX_PHOTO_BYTES), photos.JPEG),  # exactly at the limit
    ],
    ids=["jpeg", "png", "gif", "webp", "heic", "heif", "gif87a", "jpeg at the limit"],
)
def test_a_photo_is_known_by_its_bytes(data, taken_as):
    assert photo_type(data) == taken_as
    assert checked_photo(data) == taken_as


@pytest.mark.parametrize(
    "data, says",
    [
        (samples.HTML_AS_JPG, photos.NOT_A_PHOTO),  # named kitchen.jpg, sent as image/jpeg
        (b"", photos.EMPTY),
        (jpeg_of(MAX_PHOTO_BYTES + 1), photos.TOO_BIG),
        (os.urandom(4096).replace(b"\xff", b"\x00"), photos.NOT_A_PHOTO),  # junk, never starting 0xFF
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', photos.NOT_A_PHOTO),
        (b"%PDF-1.7\n" + b"\x00" * 100, photos.NOT_A_PHOTO),
        (b"MZ\x90\x00" + b"\x00" * 100, photos.NOT_A_PHOTO),  # a Windows program
        (b"PK\x03\x04" + b"\x00" * 100, photos.NOT_A_PHOTO),  # a zip
        (b"\xff\xd8", photos.NOT_A_PHOTO),  # a JPEG's first two bytes, and no more
        (b"\x89PNG\r\n", photos.NOT_A_PHOTO),  # a PNG signature cut short
        (b"RIFF\x00\x00\x00\x00WAVEfmt ", photos.NOT_A_PHOTO),  # RIFF, but sound
        (b"RIFF\x00\x00\x00\x00WEBPjunk", photos.NOT_A_PHOTO),  # WEBP with no image in it
        (b"\x00\x00\x00\x18ftypisom\x00\x00\x02\x00isomiso2", photos.NOT_A_PHOTO),  # an MP4 video
        (b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1", photos.NOT_A_PHOTO),  # AVIF: not taken
        (b" " + samples.JPEG, photos.NOT_A_PHOTO),  # the signature must come first
    ],
    ids=[
        "html named .jpg",
        "empty",
        "one byte over the limit",
        "binary junk",
        "svg",
        "pdf",
        "program",
        "zip",
        "jpeg cut short",
        "png cut short",
        "wav",
        "webp without an image",
        "mp4",
        "avif",
        "a space first",
    ],
)
def test_anything_else_is_refused_saying_why(data, says):
    with pytest.raises(PhotoRefused) as refused:
        checked_photo(data)
    assert refused.value.response == says


def test_every_refusal_tells_the_tenant_nothing_was_sent_and_the_limit_is_in_megabytes():
    from bot.charter import load_charter
    from bot.replies import charter_facts
    from bot.web.chat.photos import COULD_NOT_KEEP, photo_words

    words = photo_words(charter_facts(load_charter()))
    for refusal in (photos.NOT_A_PHOTO, photos.EMPTY, photos.TOO_BIG, "utter_photo_too_many"):
        assert words[refusal].endswith("nothing has been sent.")
    assert "Retry" in words[COULD_NOT_KEEP]
    assert "up to 10 MB" in words[photos.TOO_BIG] and MAX_PHOTO_BYTES == 10 * 1024 * 1024
    assert "20 photos today" in words["utter_photo_too_many"]


def test_only_formats_browsers_never_run_are_taken():
    assert {t.content_type for t in photos.TAKEN} == {
        "image/jpeg",
        "image/png",
        "image/gif",
        "image/webp",
        "image/heic",
        "image/heif",
    }
    assert [t.name for t in photos.TAKEN if not t.shown_in_browsers] == ["HEIC", "HEIF"]
