"""Joining PDFs that Qt's writer made into one, object by object, in flat memory.

A long handout is drawn by several processes at once, each its own run of pages
(``pdf_parts``); this puts their files together. It reads only what Qt writes:
one cross-reference table per file, a catalog with one flat page tree, streams
whose dictionaries hold no strings. The first part is copied as it is, with its
page tree's kids made every part's pages; later parts are copied with their
objects renumbered after the ones before, less their catalog, page tree,
document information and metadata. Stream data is copied in pieces, never
decoded, so memory does not grow with the handout. Anything else is a
``PdfMergeError``: the caller then draws the handout in one process instead.
"""

from __future__ import annotations

import re
from array import array
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

CHUNK = 1 << 20
_STARTXREF = re.compile(rb"startxref\s+(\d+)\s+%%EOF\s*$")
_TRAILER_REF = re.compile(rb"/(Root|Info)\s+(\d+)\s+0\s+R")
_TRAILER_ID = re.compile(rb"/ID\s*\[[^\]]*\]")
_OBJECT_HEAD = re.compile(rb"(\d+)\s+0\s+obj\s")
_REFERENCE = re.compile(rb"(\d+)\s+0\s+R\b")  # (a hex string cannot hold an R)
_KIDS = re.compile(rb"/Kids\s*\[([^\]]*)\]")
_REF = re.compile(rb"(\d+)\s+0\s+R")


class PdfMergeError(Exception):
    """A part is not a PDF as Qt writes them (or could not be read)."""


@dataclass
class _Part:
    path: Path
    offsets: dict[int, int]  # object number -> byte offset of "n 0 obj"
    ends: dict[int, int]  # object number -> byte offset just past its "endobj"
    root: int
    info: int | None
    pages: int
    dropped: frozenset[int]  # catalog, page tree, info, metadata, names
    kids: list[int]
    trailer_id: bytes


def merge_parts(parts: Sequence[Path], out: BinaryIO) -> int:
    """Write the parts, in order, as one PDF to ``out``; the number of pages."""
    if not parts:
        raise PdfMergeError("nothing to merge")
    read = [_read_part(path) for path in parts]
    first = read[0]
    maps: list[dict[int, int]] = [{n: n for n in first.offsets}]
    next_number = max(first.offsets) + 1
    for part in read[1:]:
        mapping: dict[int, int] = {part.pages: first.pages}
        for number in sorted(part.offsets):
            if number not in part.dropped:
                mapping[number] = next_number
                next_number += 1
        maps.append(mapping)
    kids = [maps[i][kid] for i, part in enumerate(read) for kid in part.kids]
    written = array("q", bytes(8 * next_number))  # each new object's offset; 0: none
    position = 0

    def write(data: bytes) -> None:
        nonlocal position
        out.write(data)
        position += len(data)

    write(_header(read[0].path))
    for index, part in enumerate(read):
        with part.path.open("rb") as source:
            for number in sorted(part.offsets, key=part.offsets.__getitem__):
                if index and number in part.dropped:
                    continue
                new = maps[index][number]
                written[new] = position
                if number == part.pages:  # the first part's tree, holding every page
                    write(_page_tree(new, kids))
                    continue
                body = _object_body(source, part, number)
                write(b"%d 0 obj\n" % new)
                _copy_body(source, part, number, body, maps[index] if index else None, write)
    xref_at = position
    size = next_number
    write(b"xref\n0 %d\n0000000000 65535 f \n" % size)
    for start in range(1, size, 4096):  # written in slices: no list the size of the table
        write(
            b"".join(
                b"%010d 00000 n \n" % at if at else b"0000000000 65535 f \n"
                for at in written[start : min(size, start + 4096)]
            )
        )
    info = b"/Info %d 0 R\n" % first.info if first.info is not None else b""
    write(
        b"trailer\n<<\n/Size %d\n%s/Root %d 0 R\n%s\n>>\nstartxref\n%d\n%%%%EOF\n"
        % (size, info, first.root, first.trailer_id, xref_at)
    )
    return len(kids)


def _header(path: Path) -> bytes:
    """The first part's version line and binary comment, as Qt wrote them."""
    with path.open("rb") as source:
        head = source.read(64)
    first = head.find(b"\n") + 1
    second = head.find(b"\n", first) + 1
    if not head.startswith(b"%PDF-") or first <= 0:
        raise PdfMergeError(f"{path.name}: not a PDF")
    return head[: second if second > first and head[first : first + 1] == b"%" else first]


def _page_tree(number: int, kids: list[int]) -> bytes:
    refs = b"".join(b"%d 0 R\n" % kid for kid in kids)
    return (
        b"%d 0 obj\n<<\n/Type /Pages\n/Kids \n[\n%s]\n/Count %d\n"
        b"/ProcSet [/PDF /Text /ImageB /ImageC]\n>>\nendobj\n" % (number, refs, len(kids))
    )


def _object_body(source: BinaryIO, part: _Part, number: int) -> tuple[int, int]:
    """Where the object's content starts (after ``n 0 obj``) and ends (its ``endobj``)."""
    start = part.offsets[number]
    source.seek(start)
    head = source.read(32)
    match = _OBJECT_HEAD.match(head)
    if match is None or int(match.group(1)) != number:
        raise PdfMergeError(f"{part.path.name}: object {number} is not where the table says")
    return start + match.end(), part.ends[number]


def _copy_body(
    source: BinaryIO,
    part: _Part,
    number: int,
    span: tuple[int, int],
    mapping: dict[int, int] | None,
    write: Callable[[bytes], None],
) -> None:
    """The object's content, references renumbered (``mapping``) outside stream data."""
    start, end = span
    source.seek(start)
    head = source.read(min(end - start, 64 * 1024))
    at = head.find(b">>\nstream\n")
    if at < 0 and end - start > len(head):  # a long array (a font's widths): read it all
        head += source.read(end - start - len(head))
        at = head.find(b">>\nstream\n")
        if at >= 0:
            raise PdfMergeError(f"{part.path.name}: object {number} has a long dictionary")
    if at < 0:  # no stream: the whole object is one dictionary, array or number
        write(_renumbered(head, mapping) if mapping is not None else head)
        return
    cut = at + len(b">>\nstream\n")
    write(_renumbered(head[:cut], mapping) if mapping is not None else head[:cut])
    write(head[cut:])
    remaining = end - start - len(head)
    while remaining > 0:
        piece = source.read(min(CHUNK, remaining))
        if not piece:
            raise PdfMergeError(f"{part.path.name}: ends inside object {number}")
        write(piece)
        remaining -= len(piece)


def _renumbered(text: bytes, mapping: dict[int, int]) -> bytes:
    """``text`` with its references renumbered; literal strings are copied as they are."""

    def replace(match: re.Match[bytes]) -> bytes:
        old = int(match.group(1))
        if old not in mapping:
            raise PdfMergeError(f"a reference to object {old}, which the part does not keep")
        return b"%d 0 R" % mapping[old]

    if b"(" not in text:
        return _REFERENCE.sub(replace, text)
    pieces: list[bytes] = []
    outside = 0
    for start, end in _literal_strings(text):
        pieces += [_REFERENCE.sub(replace, text[outside:start]), text[start:end]]
        outside = end
    pieces.append(_REFERENCE.sub(replace, text[outside:]))
    return b"".join(pieces)


def _literal_strings(text: bytes) -> list[tuple[int, int]]:
    """Where each ``( ... )`` string is: balanced parentheses nest, ``\\`` escapes one."""
    spans: list[tuple[int, int]] = []
    at = text.find(b"(")
    while at >= 0:
        depth, i = 0, at
        while i < len(text):
            byte = text[i]
            if byte == 0x5C:  # backslash: the next byte is escaped
                i += 2
                continue
            if byte == 0x28:
                depth += 1
            elif byte == 0x29:
                depth -= 1
                if depth == 0:
                    break
            i += 1
        else:
            raise PdfMergeError("a string that never closes")
        spans.append((at, i + 1))
        at = text.find(b"(", i + 1)
    return spans


def _read_part(path: Path) -> _Part:
    try:
        with path.open("rb") as source:
            size = source.seek(0, 2)
            source.seek(max(0, size - 1024))
            tail = source.read()
            found = _STARTXREF.search(tail)
            if found is None:
                raise PdfMergeError(f"{path.name}: no cross-reference table at its end")
            xref_at = int(found.group(1))
            source.seek(xref_at)
            table = source.read(size - xref_at)
    except OSError as exc:
        raise PdfMergeError(f"cannot read {path.name}: {exc.strerror or exc}") from None
    offsets = _offsets(path, table)
    trailer = table[table.find(b"trailer") :]
    refs = {name.decode(): int(number) for name, number in _TRAILER_REF.findall(trailer)}
    if "Root" not in refs:
        raise PdfMergeError(f"{path.name}: no catalog")
    id_match = _TRAILER_ID.search(trailer)
    ends = _ends(offsets, xref_at)
    with path.open("rb") as source:
        catalog = _small_object(source, offsets, ends, refs["Root"])
        pages = _ref(catalog, rb"/Pages")
        tree = _small_object(source, offsets, ends, pages)
    kids_match = _KIDS.search(tree)
    if pages is None or kids_match is None:
        raise PdfMergeError(f"{path.name}: no page tree")
    dropped = {refs["Root"], pages}
    dropped.update(n for n in (refs.get("Info"), _ref(catalog, rb"/Metadata")) if n is not None)
    dropped.update(n for n in (_ref(catalog, rb"/Names"),) if n is not None)
    return _Part(
        path,
        offsets,
        ends,
        refs["Root"],
        refs.get("Info"),
        pages,
        frozenset(dropped),
        [int(kid) for kid in _REF.findall(kids_match.group(1))],
        id_match.group(0) if id_match else b"",
    )


def _offsets(path: Path, table: bytes) -> dict[int, int]:
    lines = table.split(b"\n", 2)
    if len(lines) < 3 or lines[0].strip() != b"xref":
        raise PdfMergeError(f"{path.name}: not a cross-reference table Qt writes")
    first, count = (int(x) for x in lines[1].split())
    entries = lines[2]
    offsets: dict[int, int] = {}
    for i in range(count):
        entry = entries[i * 20 : i * 20 + 20]
        if len(entry) < 18:
            raise PdfMergeError(f"{path.name}: the cross-reference table is cut short")
        if entry[17:18] == b"n":
            offsets[first + i] = int(entry[:10])
    if not offsets:
        raise PdfMergeError(f"{path.name}: holds no objects")
    return offsets


def _ends(offsets: dict[int, int], xref_at: int) -> dict[int, int]:
    """Each object runs to the next one's start (or the table): Qt writes them in a row."""
    ordered = sorted(offsets.items(), key=lambda item: item[1])
    ends: dict[int, int] = {}
    for (number, _), (_, following) in zip(ordered, [*ordered[1:], (0, xref_at)], strict=True):
        ends[number] = following
    return ends


def _small_object(
    source: BinaryIO, offsets: dict[int, int], ends: dict[int, int], n: int | None
) -> bytes:
    if n is None or n not in offsets:
        return b""
    source.seek(offsets[n])
    return source.read(min(ends[n] - offsets[n], 1 << 22))


def _ref(text: bytes, key: bytes) -> int | None:
    match = re.search(re.escape(key) + rb"\s+(\d+)\s+0\s+R", text)
    return int(match.group(1)) if match else None
