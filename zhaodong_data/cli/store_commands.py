"""build, upgrade, backup, ingests, revert: the store and its ledgers, each command's parser beside it."""

from __future__ import annotations

from .common import UserError, existing_store, store_of, write_table


def cmd_build(args) -> int:
    from ..demo import DemoParameters
    from ..demo.scale import SCALES
    from ..store import build

    if args.synthetic_scale and args.no_demo:
        raise UserError("--synthetic-scale adds SYNTHETIC villages to the demo panel: it cannot go with --no-demo")
    villages = SCALES[args.synthetic_scale] if args.synthetic_scale else None
    parameters = DemoParameters() if args.seed is None else DemoParameters(seed=args.seed)
    outcome = build(
        store_of(args),
        demo=not args.no_demo,
        parameters=parameters,
        replace_unreadable=args.replace,
        synthetic_villages=villages,
    )
    kind = (
        "published sources only"
        if args.no_demo
        else f"published sources and the SYNTHETIC demo panel (seed {parameters.seed})"
    )
    if villages:
        kind += f", at {args.synthetic_scale} scale: {villages:,} villages, all but Zhaodong's 186 SYNTHETIC"
    print(f"built {outcome.path}: {kind}")
    if outcome.kept_ingests:
        print(f"kept the {outcome.kept_ingests} ingested ledger(s) of the store it replaced, with their history")
    if outcome.backup:
        print(f"the replaced store is copied to {outcome.backup}")
    return 0


def cmd_upgrade(args) -> int:
    from ..store import SCHEMA_VERSION, upgrade_store

    path = existing_store(args)
    backup = upgrade_store(path)
    if backup == path:
        print(f"{path}: schema {SCHEMA_VERSION} already; nothing to do")
    else:
        print(f"upgraded {path} to schema {SCHEMA_VERSION}; the store as it was is copied to {backup}")
    return 0


def cmd_backup(args) -> int:
    from ..store import backup_store

    print(f"backed up {existing_store(args)} to {backup_store(existing_store(args), args.destination)}")
    return 0


def cmd_ingests(args) -> int:
    from ..store import open_store

    with open_store(existing_store(args)) as store:
        write_table(store.ingests(), args.format)
    return 0


def cmd_revert(args) -> int:
    from ..store import revert_ingest

    result = revert_ingest(existing_store(args), args.ingest_id)
    print(
        f"reverted ingest #{result['ingest_id']}: {result['values_withdrawn']} value(s) withdrawn, and what they "
        "had replaced is current again (nothing is deleted; `zhaodong ingests` shows the history)"
    )
    return 0


def add_commands(command, formats: list[str]) -> None:
    """build, upgrade, backup, ingests, revert: the store and its ledgers."""
    build = command(
        "build",
        help="create the store from the shipped sources",
        description="Create the store from the shipped sources: gazetteer, published "
        "facts and red flags, and (unless --no-demo) the labelled SYNTHETIC "
        "demo panel. Replaces an existing store only when the build succeeds.",
    )
    build.add_argument("--no-demo", action="store_true", help="without the synthetic demo panel")
    build.add_argument(
        "--seed", type=int, default=None, help="seed of the demo panel (default: the generator's, DemoParameters.seed)"
    )
    build.add_argument(
        "--synthetic-scale",
        choices=["province", "nation"],
        help="add SYNTHETIC villages (labelled 合成) up to a province's 10,000 or the nation's 490,000, "
        "ten years each, to test and measure the dashboard at that scale",
    )
    build.add_argument(
        "--replace",
        action="store_true",
        help="replace a store that cannot be read (damaged, or another program's), after copying "
        "it beside itself; a readable store's ledgers are always kept",
    )
    build.set_defaults(run=cmd_build)

    upgrade = command(
        "upgrade",
        help="upgrade an older store to this version's schema",
        description="Upgrade a store written by an older zhaodong, keeping every row, after copying "
        "it beside itself. Other commands and the dashboard do this by themselves.",
    )
    upgrade.set_defaults(run=cmd_upgrade)

    backup = command(
        "backup",
        help="copy the store, consistently, to a file or folder",
        description="Copy the store to DESTINATION (a file, or a folder where a dated name is "
        "chosen), with no write under way, and check that the copy opens.",
    )
    backup.add_argument("destination")
    backup.set_defaults(run=cmd_backup)

    ingests = command(
        "ingests",
        help="list the ingested ledgers",
        description="List every ingested ledger, newest first: file, time, counts and status.",
    )
    ingests.add_argument("--format", choices=formats, default="table", help="output format (default: table)")
    ingests.set_defaults(run=cmd_ingests)

    revert = command(
        "revert",
        help="take one ingested ledger back",
        description="Withdraw the values and flags of one ingest; what they had replaced is current "
        "again. Nothing is deleted: the ingest is marked reverted.",
    )
    revert.add_argument("ingest_id", type=int, metavar="INGEST_ID", help="its number (see `zhaodong ingests`)")
    revert.set_defaults(run=cmd_revert)
