"""The pack format's size limit, importable before anything else (no msgspec, no Qt).

The window's first look and the prefetch thread check it before reading a byte,
as ``load_pack`` does, so a huge file is refused at once instead of read whole.
"""

MAX_FILE_BYTES = 20 * 1024 * 1024
