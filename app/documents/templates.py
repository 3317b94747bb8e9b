"""Document templates as versioned data: resources/templates/<doc_type>/v<N>.json, and field filling.

A template names its fields (key → Chinese label), the required ones, and a list of layout
blocks whose text holds ``{field}`` placeholders. Every placeholder in an active block is
required unless written ``{field?}`` (printed as a blank to fill by hand). A block may carry
``"when": "field"`` (or ``"!field"``) and is then drawn only if that field is (not) truthy.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from app.errors import Invalid, NotFound

TEMPLATES_DIR = Path(__file__).resolve().parents[2] / "resources" / "templates"
_PLACEHOLDER = re.compile(r"\{([a-z_][a-z0-9_]*)(\?)?\}")
BLANK = "\u3000" * 6  # what an optional empty placeholder prints: room to write by hand


@dataclass(frozen=True)
class Template:
    id: str
    doc_type: str
    version: int
    title: str
    category: str                 # the 类别代字 of its number, e.g. 罚决; "" when unnumbered
    external: bool                # 外部文书: served on the party, needs a 送达回证
    seal: str                     # "agency" (must bear the agency seal) or "none"
    fields: dict[str, str]
    required: tuple[str, ...]
    blocks: tuple[dict[str, Any], ...]
    page_footer: str = ""
    options: dict[str, Any] = field(default_factory=dict)

    @property
    def key(self) -> str:
        return f"{self.id}@v{self.version}"

    def label(self, name: str) -> str:
        return self.fields.get(name, name)

    @classmethod
    def from_dict(cls, raw: dict[str, Any]) -> "Template":
        try:
            return cls(
                id=raw["id"],
                doc_type=raw["doc_type"],
                version=int(raw["version"]),
                title=raw["title"],
                category=raw.get("category", ""),
                external=bool(raw.get("external", False)),
                seal=raw.get("seal", "none"),
                fields=dict(raw.get("fields", {})),
                required=tuple(raw.get("required", ())),
                blocks=tuple(raw["blocks"]),
                page_footer=raw.get("page_footer", ""),
                options=dict(raw.get("options", {})),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise Invalid(f"文书模板格式错误（{raw.get('id', '未知模板')}）：缺少或错误的项 {exc}") from exc


def available(root: Path = TEMPLATES_DIR) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir() and any(p.glob("v*.json")))


@lru_cache(maxsize=None)
def load(doc_type: str, version: int | None = None, root: Path = TEMPLATES_DIR) -> Template:
    """The template of `doc_type` at `version` (default: the newest shipped)."""
    folder = root / doc_type
    versions = sorted(int(p.stem[1:]) for p in folder.glob("v*.json") if p.stem[1:].isdigit())
    if not versions:
        raise NotFound(f"没有“{doc_type}”文书模板。")
    chosen = versions[-1] if version is None else version
    if chosen not in versions:
        raise NotFound(f"“{doc_type}”文书模板没有第 {chosen} 版。")
    raw = json.loads((folder / f"v{chosen}.json").read_text(encoding="utf-8"))
    return Template.from_dict(raw)


def is_active(block: dict[str, Any], ctx: dict[str, Any]) -> bool:
    cond = block.get("when")
    if not cond:
        return True
    if cond.startswith("!"):
        return not ctx.get(cond[1:])
    return bool(ctx.get(cond))


def placeholders(text: str) -> list[tuple[str, bool]]:
    """(name, optional) for each placeholder in `text`."""
    return [(m.group(1), bool(m.group(2))) for m in _PLACEHOLDER.finditer(text)]


def block_texts(block: dict[str, Any], ctx: dict[str, Any]) -> list[str]:
    """Every template string inside a block (cells, items, labels…) that will be drawn with `ctx`
    (nested parts with a false ``when`` are skipped), for placeholder checks."""
    out: list[str] = []

    def walk(value: Any) -> None:
        if isinstance(value, str):
            out.append(value)
        elif isinstance(value, list):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            if not is_active(value, ctx):
                return
            for k, v in value.items():
                if k not in ("type", "when", "source", "key", "style", "align", "field"):
                    walk(v)

    walk(block)
    return out


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, (str, list, tuple, dict)) and len(value) == 0)


def missing_fields(template: Template, ctx: dict[str, Any]) -> list[str]:
    """Names of required fields with no value, in template order, without duplicates."""
    names: list[str] = list(template.required)
    for block in template.blocks:
        if not is_active(block, ctx):
            continue
        if block.get("source"):
            names.append(block["source"])
        for text in block_texts(block, ctx):
            names.extend(name for name, optional in placeholders(text) if not optional)
    seen: set[str] = set()
    out: list[str] = []
    for name in names:
        if name not in seen:
            seen.add(name)
            if _empty(ctx.get(name)):
                out.append(name)
    return out


def require_complete(template: Template, ctx: dict[str, Any]) -> None:
    missing = missing_fields(template, ctx)
    if missing:
        labels = "、".join(template.label(name) for name in missing)
        raise Invalid(f"《{template.title}》还缺少以下内容，不能生成：{labels}。请补充后再试。")


def fill(text: str, ctx: dict[str, Any]) -> str:
    def sub(m: re.Match[str]) -> str:
        value = ctx.get(m.group(1))
        if _empty(value):
            return BLANK
        return str(value)

    return _PLACEHOLDER.sub(sub, text)
