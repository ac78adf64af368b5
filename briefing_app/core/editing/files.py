"""Files beside a pack: actor pictures in ``images/``, and a single file becoming a folder.

A pack is one ``.json`` file or a folder with ``pack.json``; pictures are paths
relative to the pack file's folder. Choosing a picture copies it into
``images/`` there (never linking outside the pack), under a name made from
its own, numbered if another picture already has that name.
"""

from __future__ import annotations

import filecmp
import logging
import os
import shutil
from collections.abc import Iterable
from pathlib import Path, PurePosixPath

from ..drafting.packing import slug
from .changes import EditError

logger = logging.getLogger(__name__)

PICTURE_SUFFIXES = (".png", ".jpg", ".jpeg", ".svg")


def copy_picture(picture: Path, pack_folder: Path) -> str:
    """Copy ``picture`` into ``pack_folder/images/``; the path to write in the actor.

    The same picture chosen twice is copied once; a different one with the
    same name gets ``-2``, ``-3``... so no actor's picture is ever overwritten.
    """
    suffix = picture.suffix.lower()
    if suffix not in PICTURE_SUFFIXES:
        raise EditError(f"{picture.name}: choose a .png, .jpg or .svg picture")
    if not picture.is_file():
        raise EditError(f"{picture}: not a file")
    images = pack_folder / "images"
    base, n = slug(picture.stem, "picture"), 2
    name = base
    try:
        images.mkdir(exist_ok=True)
        while (images / f"{name}{suffix}").exists():
            if filecmp.cmp(images / f"{name}{suffix}", picture, shallow=False):
                return f"images/{name}{suffix}"
            name, n = f"{base}-{n}", n + 1
        shutil.copyfile(picture, images / f"{name}{suffix}")
    except OSError as exc:
        raise EditError(f"cannot copy the picture into {images}: {exc.strerror or exc}") from None
    return f"images/{name}{suffix}"


def copy_pictures(paths: Iterable[str], source: Path, target: Path) -> None:
    """Copy the pictures a pack names from folder ``source`` to ``target`` (same paths).

    A picture already at its place in ``target``, missing in ``source``, or
    with a path that leaves the folder is left alone: validation names those.
    """
    if source.resolve() == target.resolve():
        return
    for value in paths:
        parts = PurePosixPath(value).parts
        if not parts or ".." in parts or PurePosixPath(value).is_absolute():
            continue
        old, new = source.joinpath(*parts), target.joinpath(*parts)
        try:
            if old.is_file() and not new.exists():
                new.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(old, new)
        except OSError as exc:
            raise EditError(f"cannot copy the picture {value}: {exc.strerror or exc}") from None


def folder_for(pack_file: Path) -> Path:
    """Where a single-file pack ``name.json`` goes as a folder pack: ``name/pack.json``."""
    folder = pack_file.with_suffix("")
    if folder.exists() and not (folder.is_dir() and not any(folder.iterdir())):
        raise EditError(
            f"cannot make {pack_file.name} a pack folder: {folder.name} already exists beside it"
        )
    return folder / "pack.json"


def move_into_folder(pack_file: Path, pictures: Iterable[str]) -> Path:
    """Move ``name.json`` to ``name/pack.json`` (the file as saved), pictures copied along."""
    target = folder_for(pack_file)
    try:
        target.parent.mkdir(exist_ok=True)
        copy_pictures(pictures, pack_file.parent, target.parent)
        os.replace(pack_file, target)
    except OSError as exc:
        raise EditError(
            f"cannot make {pack_file.name} a pack folder: {exc.strerror or exc}"
        ) from None
    logger.info("moved %s to %s", pack_file, target)
    return target
