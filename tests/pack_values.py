"""A pack's values as plain data, whichever loader path or type holds them."""

from __future__ import annotations

from typing import Any

import msgspec

from briefing_app.core.models import ITEM_TYPES


def pack_values(pack: Any) -> dict[str, Any]:
    """Fields and ``x-`` keys as plain data, from the app's type or pydantic's model."""
    if hasattr(pack, "model_dump"):
        return pack.model_dump()  # type: ignore[no-any-return]
    out: dict[str, Any] = {**msgspec.to_builtins(pack), **pack.extensions}
    for name in ITEM_TYPES:
        out[name] = [
            {**plain, **item.extensions}
            for plain, item in zip(out[name], getattr(pack, name), strict=True)
        ]
    return out
