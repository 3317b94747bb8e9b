"""`squaddesk enroll` and `squaddesk sync`: enrollment and a sync from scripts and scheduled
tasks. Registered into app.cli's parser with `register(sub)`."""

from __future__ import annotations

import argparse


def register(sub: argparse._SubParsersAction) -> None:  # noqa: SLF001
    enroll = sub.add_parser("enroll", help="用县局发放的登记码把本机登记到县局服务器")
    enroll.add_argument("--server", required=True, help="县局服务器地址，如 https://county.example:8443")
    enroll.add_argument("--code", required=True, help="县局发放的一次性登记码")
    enroll.add_argument("--ca", default=None, help="县局服务器的 CA 证书文件（PEM）")
    enroll.add_argument("--name", default=None, help="本机名称（默认：计算机名）")
    enroll.set_defaults(handler=_cmd_enroll)

    sync = sub.add_parser("sync", help="立即与县局服务器同步一次，输出一行结果")
    sync.add_argument("--status", action="store_true", help="只显示同步状态，不联网")
    sync.set_defaults(handler=_cmd_sync)


def _open(args: argparse.Namespace):  # noqa: ANN202
    from app.bootstrap import open_data_folder  # noqa: PLC0415
    from app.paths import AppPaths  # noqa: PLC0415

    return open_data_folder(AppPaths.choose(args.data_dir))


def _cmd_enroll(args: argparse.Namespace) -> int:
    from app.firstrun import check_ca_file, keep_ca_file  # noqa: PLC0415
    from app.sync.enroll import enroll  # noqa: PLC0415

    opened = _open(args)
    try:
        # The CA file often comes on a USB stick: sync must still find it once the stick is gone.
        ca_file = keep_ca_file(opened.paths, check_ca_file(args.ca or ""))
        done = enroll(args.server, args.code, ca_file, opened.store, opened.paths,
                      device_name=args.name)
    finally:
        opened.store.dispose()
    print(f"本机已登记到县局服务器：{done.squad_name}（设备编号 {done.device_id}）")
    return 0


def _cmd_sync(args: argparse.Namespace) -> int:
    from app.sync import state  # noqa: PLC0415
    from app.sync.engine import sync_now  # noqa: PLC0415

    opened = _open(args)
    try:
        if not args.status:
            report = sync_now(opened.store, paths=opened.paths)
            print(report.summary())
            if report.clock_warning:
                print(report.clock_warning)
        with opened.store.read() as session:
            print(state.status(session).line())
    finally:
        opened.store.dispose()
    return 0
