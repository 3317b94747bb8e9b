"""`squaddesk verify FILE.pdf`: is this PDF a genuine issued document of this office?

Exit status: 0 genuine, 1 tampered, 3 unknown (2 is the CLI's general error).
"""

from __future__ import annotations

import argparse
from pathlib import Path

from app.errors import Invalid

EXIT = {"genuine": 0, "tampered": 1, "unknown": 3}


def register_verify(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    parser = sub.add_parser("verify", help="核验 PDF 文书是否为本机关签发且未被改动")
    parser.add_argument("pdf", type=Path, help="要核验的 PDF 文件")
    parser.set_defaults(handler=_cmd_verify)


def _cmd_verify(args: argparse.Namespace) -> int:
    from app.bootstrap import open_data_folder  # noqa: PLC0415
    from app.documents.service import verify_pdf  # noqa: PLC0415
    from app.paths import AppPaths  # noqa: PLC0415

    if not args.pdf.is_file():
        raise Invalid(f"找不到文件：{args.pdf}")
    opened = open_data_folder(AppPaths.choose(args.data_dir), log_to_file=False)
    with opened.store.read() as session:
        result = verify_pdf(session, args.pdf.read_bytes())
    print(f"{result.verdict.value}  {result.message()}")
    return EXIT[result.verdict.value]
