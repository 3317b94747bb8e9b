"""`squaddesk-server`: run and administer the county server.

The database URL comes from `--db`, then SQUADDESK_SERVER_DB, then a SQLite file in the current
folder (development). Commands that change data run in one transaction each and are audited.
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

from app.errors import AppError
from app.server import accounts, numbers, reference
from app.server.db import database_url, is_at_head, make_engine, make_sessions, migrate
from app.sync import protocol


def _sessions(args: argparse.Namespace):  # noqa: ANN202
    engine = make_engine(database_url(args.db))
    if args.command != "migrate" and not is_at_head(engine):
        raise AppError("数据库结构不是最新版本，请先运行 `squaddesk-server migrate`。")
    return make_sessions(engine)


def _configure_logging(level: str) -> None:
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    logging.basicConfig(level=getattr(logging, level.upper(), logging.INFO), handlers=[handler], force=True)


def cmd_serve(args: argparse.Namespace) -> int:
    import uvicorn

    from app.server.main import create_app

    _configure_logging(args.log_level)
    app = create_app(_sessions(args))
    uvicorn.run(
        app, host=args.host, port=args.port, ssl_certfile=args.ssl_certfile,
        ssl_keyfile=args.ssl_keyfile, log_config=None, access_log=False,
        proxy_headers=args.proxy_headers, workers=1,
        # A PC on a dead link can hold a keep-alive connection for minutes; do not let it
        # block a restart.
        timeout_graceful_shutdown=10,
    )
    return 0


def cmd_migrate(args: argparse.Namespace) -> int:
    heads = migrate(make_engine(database_url(args.db)))
    print(f"数据库已是最新版本：{', '.join(heads)}")
    return 0


def cmd_create_squad(args: argparse.Namespace) -> int:
    with _sessions(args).begin() as session:
        squad = accounts.create_squad(
            session, args.name, township=args.township, issuing_authority=args.authority,
            authority_short=args.authority_short,
        )
        print(squad.id)
    return 0


def cmd_enroll_code(args: argparse.Namespace) -> int:
    from datetime import timedelta

    with _sessions(args).begin() as session:
        squad = accounts.find_squad(session, args.squad)
        code = accounts.make_enrollment_code(session, squad.id, ttl=timedelta(hours=args.hours))
    print(f"{squad.name} 登记码（{args.hours} 小时内有效，仅可使用一次）：{code}")
    return 0


def cmd_squads(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.server.models import Squad

    with _sessions(args).begin() as session:
        for squad in session.scalars(select(Squad).order_by(Squad.name)):
            print(f"{squad.id}\t{squad.name}\t{squad.issuing_authority}\t变更序号 {squad.last_seq}")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from sqlalchemy import select

    from app.server.models import Device

    with _sessions(args).begin() as session:
        query = select(Device).order_by(Device.squad_id, Device.enrolled_at)
        if args.squad:
            query = query.where(Device.squad_id == accounts.find_squad(session, args.squad).id)
        for d in session.scalars(query):
            state = "已停用" if d.revoked else ("审计异常" if d.audit_suspect else "正常")
            seen = f"{d.last_seen_at:%Y-%m-%d %H:%M}" if d.last_seen_at else "从未同步"
            print(f"{d.id}\t{d.name}\t{d.squad_id}\t{state}\t最近同步 {seen}\t版本 {d.client_version}")
    return 0


def cmd_revoke_device(args: argparse.Namespace) -> int:
    with _sessions(args).begin() as session:
        device = accounts.revoke_device(session, args.device_id)
        print(f"已停用设备 {device.id}（{device.name}）")
    return 0


def cmd_reset_audit_head(args: argparse.Namespace) -> int:
    from app.server.audit import record_event
    from app.server.models import Device

    with _sessions(args).begin() as session:
        device = session.get(Device, args.device_id)
        if device is None:
            raise AppError(f"找不到设备 {args.device_id}。")
        record_event(session, "device.audit_head_reset", actor="admin", squad_id=device.squad_id,
                     device_id=device.id, known_count=device.audit_count, known_hash=device.audit_hash)
        device.audit_count = device.audit_hash = None
        device.audit_suspect = False
    print(f"已清除设备 {args.device_id} 的审计记录基线（事件已记入审计）。")
    return 0


def cmd_import_officers(args: argparse.Namespace) -> int:
    text = Path(args.csv).read_text(encoding="utf-8-sig")
    with _sessions(args).begin() as session:
        rows = reference.import_officers(session, text, squad=args.squad, allow_shrink=args.allow_shrink)
        for row in rows:
            print(f"花名册已发布：版本 {row.version}，{len(row.payload['officers'])} 人")
    return 0


def cmd_publish(args: argparse.Namespace) -> int:
    payload = json.loads(Path(args.file).read_text(encoding="utf-8-sig"))
    with _sessions(args).begin() as session:
        squad_id = accounts.find_squad(session, args.squad).id if args.squad else None
        row = reference.publish(session, args.kind, payload, squad_id=squad_id)
        print(f"{args.kind} 已发布：版本 {row.version}")
    return 0


def cmd_lease(args: argparse.Namespace) -> int:
    with _sessions(args).begin() as session:
        squad_id = accounts.find_squad(session, args.squad).id if args.squad else numbers.ANY
        if args.size is not None:
            numbers.set_block_size(session, args.size, squad_id=squad_id, doc_type=args.doc_type)
            print(f"号段大小已设为 {args.size}（中队 {args.squad or '全部'}，文书 {args.doc_type}）")
        if args.next_free is not None:
            if squad_id == numbers.ANY or args.doc_type == numbers.ANY or args.year is None:
                raise AppError("设置起始号需要同时指定 --squad、--doc-type 和 --year。")
            numbers.set_next_free(session, squad_id, args.doc_type, args.year, args.next_free)
            print(f"下一个可用号已设为 {args.next_free}")
    return 0


def cmd_dev_cert(args: argparse.Namespace) -> int:
    from pathlib import Path

    from app.server.devcert import ensure_dev_certificates

    certs = ensure_dev_certificates(Path(args.folder), hosts=tuple(args.host or ("127.0.0.1", "localhost")))
    print(f"CA 证书（发给各中队电脑）：{certs.ca_cert}")
    print(f"服务器证书：{certs.server_cert}  私钥：{certs.server_key}")
    return 0


def cmd_missing_evidence(args: argparse.Namespace) -> int:
    from app.server.evidence import missing_files

    with _sessions(args).begin() as session:
        squad_id = accounts.find_squad(session, args.squad).id if args.squad else None
        missing = missing_files(session, squad_id)
    for squad, row_id, sha in missing:
        print(f"{squad}\t{row_id}\t{sha}")
    print(f"共 {len(missing)} 个证据文件尚未完整上传。", file=sys.stderr)
    return 1 if missing else 0


def cmd_conflicts(args: argparse.Namespace) -> int:
    from app.server.sync_service import open_conflicts

    with _sessions(args).begin() as session:
        squad_id = accounts.find_squad(session, args.squad).id if args.squad else None
        rows = open_conflicts(session, squad_id)
        for row in rows:
            fields = "、".join(c["field"] for c in row.fields)
            print(f"{row.created_at:%Y-%m-%d %H:%M}\t{row.squad_id}\t{row.entity}/{row.entity_id}\t{fields}")
    print(f"共 {len(rows)} 处冲突等待中队确认。", file=sys.stderr)
    return 0


def cmd_min_version(args: argparse.Namespace) -> int:
    with _sessions(args).begin() as session:
        accounts.set_min_client_version(session, args.version)
    print(f"最低客户端版本已设为 {args.version}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="squaddesk-server", description="squaddesk 县局服务器")
    parser.add_argument("--db", help="数据库 URL（默认取 SQUADDESK_SERVER_DB，或当前目录的 SQLite 文件）")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("serve", help="启动服务")
    p.add_argument("--host", default="0.0.0.0")
    p.add_argument("--port", type=int, default=8443)
    p.add_argument("--ssl-certfile")
    p.add_argument("--ssl-keyfile")
    p.add_argument("--proxy-headers", action="store_true")
    p.add_argument("--log-level", default="info")
    p.set_defaults(func=cmd_serve)

    sub.add_parser("migrate", help="升级数据库结构").set_defaults(func=cmd_migrate)

    p = sub.add_parser("create-squad", help="新建中队")
    p.add_argument("name")
    p.add_argument("--township", default="")
    p.add_argument("--authority", default="", help="发文机关全称")
    p.add_argument("--authority-short", default="", help="机关代字")
    p.set_defaults(func=cmd_create_squad)

    p = sub.add_parser("enroll-code", help="为一台电脑生成一次性登记码")
    p.add_argument("squad", help="中队名称或编号")
    p.add_argument("--hours", type=int, default=72)
    p.set_defaults(func=cmd_enroll_code)

    sub.add_parser("squads", help="列出中队").set_defaults(func=cmd_squads)

    p = sub.add_parser("devices", help="列出已注册的电脑（停用时要用设备编号）")
    p.add_argument("--squad")
    p.set_defaults(func=cmd_devices)

    p = sub.add_parser("revoke-device", help="停用一台电脑")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_revoke_device)

    p = sub.add_parser("reset-audit-head", help="核查后清除设备的审计基线")
    p.add_argument("device_id")
    p.set_defaults(func=cmd_reset_audit_head)

    p = sub.add_parser("import-officers", help="从 CSV 导入执法人员花名册并下发")
    p.add_argument("csv")
    p.add_argument("--squad", help="全部人员属于此中队（否则按 CSV 的“中队”列）")
    p.add_argument("--allow-shrink", action="store_true", help="允许人数减少一半以上（确认文件无误时）")
    p.set_defaults(func=cmd_import_officers)

    p = sub.add_parser("publish", help="下发参考数据（JSON 文件），每次生成新版本")
    p.add_argument("kind", choices=protocol.REFERENCE_KINDS)
    p.add_argument("file")
    p.add_argument("--squad", help="只下发给此中队（默认全部中队）")
    p.set_defaults(func=cmd_publish)

    p = sub.add_parser("lease", help="文号号段设置")
    p.add_argument("--size", type=int, help="每次租用的号段大小")
    p.add_argument("--squad")
    p.add_argument("--doc-type", default=numbers.ANY)
    p.add_argument("--year", type=int)
    p.add_argument("--next-free", type=int, help="下一个可用号（用于接续系统外已用的号）")
    p.set_defaults(func=cmd_lease)

    p = sub.add_parser("dev-cert", help="生成自用 CA 与服务器证书（无正式证书时使用）")
    p.add_argument("folder")
    p.add_argument("--host", action="append", help="证书包含的主机名或 IP（可重复）")
    p.set_defaults(func=cmd_dev_cert)
    p = sub.add_parser("missing-evidence", help="列出文件尚未完整上传的证据记录")
    p.add_argument("--squad")
    p.set_defaults(func=cmd_missing_evidence)

    p = sub.add_parser("conflicts", help="列出尚未处理的同步冲突")
    p.add_argument("--squad")
    p.set_defaults(func=cmd_conflicts)

    p = sub.add_parser("min-client-version", help="设置允许连接的最低客户端版本")
    p.add_argument("version")
    p.set_defaults(func=cmd_min_version)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except AppError as exc:
        print(f"错误：{exc}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    raise SystemExit(main())
