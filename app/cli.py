"""The `squaddesk` command line. Without a subcommand it starts the GUI (handed in by ui.launcher,
so this module stays Qt-free); subcommands serve administrators' scripts and scheduled tasks."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from app import __version__
from app.errors import AppError

if TYPE_CHECKING:
    from app.paths import AppPaths

GuiStarter = Callable[[argparse.Namespace], int]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="squaddesk", description="乡镇综合行政执法中队办公系统 squaddesk"
    )
    parser.add_argument("--version", action="version", version=f"squaddesk {__version__}")
    parser.add_argument("--data-dir", help="数据文件夹（默认：环境变量 SQUADDESK_DATA，否则用户数据目录）")
    parser.add_argument("--demo", action="store_true", help="数据文件夹为空时写入演示数据")
    parser.add_argument("--login", help=argparse.SUPPRESS)            # scripted start (benchmarks)
    parser.add_argument("--password-stdin", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--exit-after-paint", action="store_true", help=argparse.SUPPRESS)
    sub = parser.add_subparsers(dest="command")

    demo = sub.add_parser("demo-data", help="向数据文件夹写入演示数据（中队、执法人员、案件）")
    demo.add_argument("--cases", type=int, default=12, help="演示案件数量")
    demo.set_defaults(handler=_cmd_demo_data)

    check = sub.add_parser("check", help="检查数据库完整性、审计链和证据文件，输出一行结论")
    check.set_defaults(handler=_cmd_check)

    selftest = sub.add_parser("self-test", help="安装自检：新建临时数据库、迁移、生成一份文书，成功则退出码为 0")
    selftest.set_defaults(handler=_cmd_self_test)

    from app.documents_cli import register as register_documents  # noqa: PLC0415
    from app.sync.cli import register as register_sync  # noqa: PLC0415

    register_documents(sub)
    register_sync(sub)
    return parser


def _paths(args: argparse.Namespace) -> AppPaths:
    from app.paths import AppPaths  # noqa: PLC0415 - the GUI start paints before it needs this

    return AppPaths.choose(args.data_dir)


def _cmd_demo_data(args: argparse.Namespace) -> int:
    from app.bootstrap import open_data_folder  # noqa: PLC0415
    from app.demo import seed_demo  # noqa: PLC0415

    opened = open_data_folder(_paths(args))
    summary = seed_demo(opened, cases=args.cases)
    print(f"演示数据已写入 {opened.paths.root}：{summary}")
    return 0


def _cmd_check(args: argparse.Namespace) -> int:
    from app.bootstrap import open_data_folder  # noqa: PLC0415
    from app.integrity import check_data_folder  # noqa: PLC0415

    opened = open_data_folder(_paths(args))
    report = check_data_folder(opened)
    print(report.verdict_line())
    return 0 if report.ok else 1


def _cmd_self_test(args: argparse.Namespace) -> int:
    from app.selftest import run_self_test  # noqa: PLC0415

    report = run_self_test(getattr(args, "gui_self_test", None))
    print(report.line())
    return 0


def _log_to_data_folder(args: argparse.Namespace) -> None:
    """Make sure the traceback lands in the data folder's log, not on the console."""
    from app.logging_setup import configure_logging  # noqa: PLC0415

    try:
        configure_logging(_paths(args).logs)
    except OSError:
        logging.getLogger().addHandler(logging.NullHandler())


def main(argv: Sequence[str] | None = None, *, gui: GuiStarter | None = None,
         gui_self_test: Callable[..., None] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    args.gui_self_test = gui_self_test
    handler = getattr(args, "handler", None)
    try:
        if handler is not None:
            return handler(args)
        if gui is None:
            parser.error("此版本未包含图形界面，请使用子命令")
        return gui(args)
    except AppError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 2
    except Exception as exc:  # noqa: BLE001 - a clerk or script never sees a traceback
        _log_to_data_folder(args)
        logging.getLogger("squaddesk").exception("unexpected error in %s", args.command)
        print(f"程序出现意外错误（{type(exc).__name__}: {exc}），详情已写入日志。", file=sys.stderr)
        return 3


if __name__ == "__main__":
    raise SystemExit(main())
