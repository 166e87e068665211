"""`policyqa`: build and inspect the index, ask, serve and evaluate, from one command line."""

from __future__ import annotations

import argparse
import ipaddress
import json
import os
import sys
from dataclasses import replace
from functools import partial
from pathlib import Path

from tqdm import tqdm

from index import (
    STORES,
    BuildReport,
    EmbedderMismatch,
    Index,
    IndexStoreError,
    LiveIndex,
    StoreMismatch,
    add_documents,
    build_index,
    reembed,
    verify,
)
from index.store import current_version, read_manifest
from ingest import IngestError, find_documents

from .answer import Answer, answer
from .library import (
    add_files,
    default_sources,
    refresh_sources,
    remove_files,
    stale_sources,
)
from .llm import reply
from .settings import Settings


class UsageError(Exception):
    """A command line or setting the user must correct; exits 2 like argparse's own errors."""


class _Bars:
    """tqdm bars on stderr, one per stage, so stdout stays clean for --json."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.bars: dict[str, tqdm] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if self.quiet:
            return
        bar = self.bars.get(stage)
        if bar is None:
            bar = self.bars[stage] = tqdm(total=total, desc=stage, file=sys.stderr, leave=True)
        bar.total = total
        bar.n = done
        bar.refresh()
        if done >= total:
            bar.close()


def print_report(report: BuildReport) -> None:
    err = sys.stderr
    if report.stale:
        print(f"已清理上次中断留下的临时文件: {', '.join(report.stale)}", file=err)
    if report.previous_embedder:
        print(f"嵌入模型由 {report.previous_embedder} 改为新模型: 所有片段已重新向量化", file=err)
    if report.previous_store:
        print(f"向量存储由 {report.previous_store} 改为新配置: 向量已迁移", file=err)
    print(
        f"索引版本 {report.version}: {report.chunks} 个片段, 新增 {len(report.added)}, 更新 {len(report.changed)}, "
        f"删除 {len(report.removed)}, 未变 {len(report.unchanged)}, 新向量 {report.embedded}, "
        f"用时 {report.seconds:.1f} 秒",
        file=err,
    )
    for skipped, same in report.duplicates:
        print(f"跳过 {skipped}: 与 {same} 内容相同", file=err)
    for name, count in report.replaced:
        print(f"注意 {name}: {count} 个无法解码的字节已替换为 �，请核对原文件编码", file=err)
    for e in report.errors:
        print(f"未处理 {e.path}: {e.reason}", file=err)


def open_index(settings: Settings, quiet: bool = False, warm: bool = True) -> Index:
    """The current index: built from the bundled corpus first if there is none, re-embedded if the embedder changed,
    its documents parsed again if an older version of the program cut them; `warm`: answered once, so the first
    question a user asks is as fast as the next (a one-question command skips it)."""
    home, bars, vectors = settings.index_home, _Bars(quiet), settings.vectors
    writing = {
        "progress": bars,
        "lock_timeout": settings.lock_timeout,
        "versions_kept": settings.versions_kept,
        "vectors": vectors,
    }
    try:
        index = Index.open(home, settings.embedder, vectors)
    except EmbedderMismatch as exc:
        print(
            f"索引由嵌入模型 {exc.built_with} 构建，当前配置的是 {exc.configured}：正在用新模型完整重建向量……",
            file=sys.stderr,
        )
        print_report(reembed(home, settings.embedder, **writing))
        index = Index.open(home, settings.embedder, vectors)
    except StoreMismatch as exc:
        print(f"索引向量存放在 {exc.built_in}，当前配置的是 {exc.configured}：正在迁移向量（不重新向量化）……", file=sys.stderr)
        print_report(reembed(home, settings.embedder, **writing))
        index = Index.open(home, settings.embedder, vectors)
    except IndexStoreError:
        if current_version(home) is not None:
            raise
        print("尚无索引，正在用内置文档构建……", file=sys.stderr)
        print_report(build_index(default_sources(settings), home, settings.embedder, **writing))
        index = Index.open(home, settings.embedder, vectors)
    stale = stale_sources(index.manifest, settings)
    if stale:
        print(f"{len(stale)} 个文档由旧版程序解析，正在重新解析（未变的段落不重新嵌入）……", file=sys.stderr)
        print_report(add_documents(stale, home, settings.embedder, **writing))
        index = Index.open(home, settings.embedder, vectors)
    if warm:
        answer("洪江区2025年目标", index, settings)  # the embedder, jieba and its tagger load once
    return index


def cmd_status(args: argparse.Namespace, settings: Settings) -> int:
    version = current_version(settings.index_home)
    if version is None:
        print(f"{settings.index_home} 中尚无索引；运行 `policyqa index build` 构建。")
        return 1
    if args.verify:
        problems = verify(version, vectors=settings.vectors)
        for p in problems:
            print(f"不一致: {p}")
        print("校验通过" if not problems else f"发现 {len(problems)} 处不一致，请运行 `policyqa index build` 重建")
        if problems:
            return 1
    m = read_manifest(version)
    print(f"索引目录: {version}")
    print(f"嵌入模型: {m.embedder} ({m.dimension} 维)")
    if m.store != "faiss":
        print(f"向量存储: {m.store} {m.store_uri}  集合 {m.collection}")
    print(f"构建时间: {m.built_at}  用时 {m.build_seconds} 秒")
    print(f"文档 {len(m.docs)} 个, 片段 {m.chunk_count} 个")
    for d in m.docs.values():
        print(f"  {d.name}  {d.place or '-'}  {d.chunks} 片段  {d.added_at}  {d.title}")
    return 0


def cmd_index(args: argparse.Namespace, settings: Settings) -> int:
    if args.action == "status":
        return cmd_status(args, settings)
    home, bars = settings.index_home, _Bars()
    timeout = settings.lock_timeout if args.wait is None else args.wait
    if args.action in ("add", "remove") and not args.names:
        print(f"错误: index {args.action} 需要文件或文档名", file=sys.stderr)
        return 2
    if args.action == "add":
        report = add_files([Path(p) for p in args.names], settings, progress=bars, lock_timeout=timeout)
    elif args.action == "remove":
        report = remove_files(args.names, settings, progress=bars, lock_timeout=timeout)
    elif args.action == "update" and not args.docs and current_version(home) is not None:
        sources, gone = refresh_sources(settings)
        report = add_documents(
            sources,
            home,
            settings.embedder,
            progress=bars,
            lock_timeout=timeout,
            versions_kept=settings.versions_kept,
            vectors=settings.vectors,
        )
        report.errors += gone
    else:
        sources = find_documents([Path(p) for p in args.docs]) if args.docs else default_sources(settings)
        report = build_index(
            sources,
            home,
            settings.embedder,
            incremental=args.action == "update",
            progress=bars,
            lock_timeout=timeout,
            versions_kept=settings.versions_kept,
            vectors=settings.vectors,
        )
    print_report(report)
    return 0


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from .show import show

    print(show(Path(args.file)))
    return 0


def _show(result: Answer, as_json: bool) -> None:
    if as_json:
        print(json.dumps(result.to_dict(), ensure_ascii=False), flush=True)
        return
    if result.searched:
        print(f"（按“{result.searched}”检索）")
    if result.label:
        print(f"（{result.label}）")
    print(result.answer)
    print()
    for i, c in enumerate(result.citations, 1):
        print(f"[{i}] 《{c.title}》 {c.locator}  (相关度 {c.score:.2f})")
        print("    " + c.text.replace("\n", "\n    ")[:300])


def cmd_ask(args: argparse.Namespace, settings: Settings) -> int:
    index = open_index(settings, quiet=args.json, warm=False)
    _show(reply(args.question, index, settings, top_k=args.top_k, doc=args.doc, place=args.place), args.json)
    return 0


def cmd_chat(args: argparse.Namespace, settings: Settings) -> int:
    """A conversation in the terminal: each line a question; a follow-up leans on the turns before, until EOF."""
    index = open_index(settings, quiet=args.json)
    history: list[tuple[str, str]] = []
    if not args.json:
        print("请输入问题（追问可省略主语，如“那湘乡市呢？”；Ctrl-D 退出）", file=sys.stderr)
    for line in sys.stdin:
        if not line.strip():
            continue
        result = reply(line, index, settings, top_k=args.top_k, history=history)
        _show(result, args.json)
        history.append((result.question, result.answer))
    return 0


def is_loopback(host: str) -> bool:
    """Only this machine can reach a server bound here."""
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def parse_auth(value: str | None) -> tuple[str, str] | None:
    """`user:password` (the password may hold colons) for Gradio's login page; None leaves the page open."""
    if not value:
        return None
    user, sep, password = value.partition(":")
    if not (sep and user and password):
        raise UsageError("--auth / POLICYQA_AUTH 的格式是 用户名:密码，两者都不能为空")
    return user, password


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    from .ui import launch

    auth = parse_auth(args.auth or settings.auth)
    if not is_loopback(args.host):
        print(
            f"警告: --host {args.host} 使页面对网络开放，能访问本机的人都能提问和上传文件"
            f"{'' if auth else '；共享部署请加 --auth 用户名:密码'}",
            file=sys.stderr,
        )
    live = LiveIndex(settings.index_home, settings.embedder, open_index(settings), settings.vectors)  # built if none
    launch(live, settings, host=args.host, port=args.port, auth=auth)
    return 0


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from eval.runner import conversations_cli, run_cli

    if args.llm and not settings.llm_configured:
        raise UsageError("eval --llm 需要先配置模型：--llm-model 或 POLICYQA_LLM_MODEL（及 --llm-base-url）")

    run = conversations_cli if args.conversations is not None else run_cli
    return run(lambda: open_index(settings, quiet=args.json), settings, args)


def parser() -> argparse.ArgumentParser:
    # --home and --embedder are accepted before or after the command (`policyqa index build --home DIR`);
    # SUPPRESS keeps a subcommand from resetting a value given before it.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--home",
        default=argparse.SUPPRESS,
        help="data directory (default: $POLICYQA_HOME or the per-user data directory)",
    )
    common.add_argument(
        "--embedder",
        default=argparse.SUPPRESS,
        help="sentence-transformers model name or path (default: $POLICYQA_EMBEDDER or the offline USE model)",
    )
    common.add_argument(
        "--store",
        choices=STORES,
        default=argparse.SUPPRESS,
        help="where the vectors live: faiss (default) or milvus (default: $POLICYQA_STORE)",
    )
    common.add_argument(
        "--uri",
        dest="milvus_uri",
        default=argparse.SUPPRESS,
        help="with --store milvus: a Milvus Lite file PATH.db or a server http://host:19530 "
        "(default: $POLICYQA_MILVUS_URI, else milvus.db in the data directory)",
    )
    # An optional chat model words the answers (checked against the passages): ask, chat, serve and eval take these.
    llm = argparse.ArgumentParser(add_help=False)
    for flag, env in (("base-url", "BASE_URL"), ("model", "MODEL"), ("api-key", "API_KEY")):
        llm.add_argument(
            f"--llm-{flag}",
            default=argparse.SUPPRESS,
            help=f"OpenAI-compatible chat model {flag.replace('-', ' ')} (default: $POLICYQA_LLM_{env}; none: no model)",
        )
    p = argparse.ArgumentParser(prog="policyqa", description="政策文件问答：带出处的精确回答。", parents=[common])
    sub = p.add_subparsers(dest="command", required=True)
    sub_parser = partial(sub.add_parser, parents=[common])

    ix = sub_parser(
        "index",
        help="build, update or inspect the index",
        description=(
            "build: start over from --docs (default: the bundled corpus and the library). "
            "update: with --docs, make the index hold exactly those files; without, refresh the indexed "
            "documents and pick up new library files. add: copy files into the library and index them. "
            "remove: take documents out by name. status: what is indexed; --verify checks it."
        ),
    )
    ix.add_argument("action", choices=["build", "update", "add", "remove", "status"])
    ix.add_argument("names", nargs="*", help="with add: files; with remove: document names")
    ix.add_argument("--docs", nargs="+", dest="docs", help="files or directories (build and update)")
    ix.add_argument("--verify", action="store_true", help="with status: check vectors, BM25 and chunks agree")
    ix.add_argument("--wait", type=float, help="seconds to wait for another running update (default 600)")
    ix.set_defaults(func=cmd_index)

    ing = sub_parser("ingest", help="show how one file is understood")
    ing.add_argument("file")
    ing.add_argument("--show", action="store_true", help="print tree, chunks and tables (the default)")
    ing.set_defaults(func=cmd_ingest)

    ask = sub_parser("ask", parents=[common, llm], help="answer one question with citations")
    ask.add_argument("question")
    ask.add_argument("--json", action="store_true", help="print one JSON object on stdout")
    ask.add_argument("--top-k", type=int, default=None, help="number of citations")
    ask.add_argument("--doc", help="only this document (file name)")
    ask.add_argument("--place", help="only documents of this place, e.g. 洪江区")
    ask.set_defaults(func=cmd_ask)

    chat = sub_parser(
        "chat", parents=[common, llm], help="a conversation in the terminal: follow-up questions lean on the turns before"
    )
    chat.add_argument("--json", action="store_true", help="print one JSON object a turn on stdout")
    chat.add_argument("--top-k", type=int, default=None, help="number of citations")
    chat.set_defaults(func=cmd_chat)

    srv = sub_parser("serve", parents=[common, llm], help="start the Gradio chat UI")
    srv.add_argument("--host", default="127.0.0.1", help="address to listen on (default: this machine only)")
    srv.add_argument("--port", type=int, default=7860)
    srv.add_argument("--auth", help="require a login, USER:PASSWORD (default: $POLICYQA_AUTH, else no login)")
    srv.set_defaults(func=cmd_serve)

    ev = sub_parser("eval", parents=[common, llm], help="run the known-facts set and print metrics")
    ev.add_argument("--qa", help="QA JSONL file (default: the bundled set)")
    ev.add_argument("--out", help="write per-question results JSONL here")
    ev.add_argument("--json", action="store_true", help="print the metrics as JSON")
    ev.add_argument("--split", choices=["dev", "heldout", "all"], default="all")
    ev.add_argument(
        "--conversations",
        nargs="?",
        const="",
        help="score follow-up questions in their conversations (default file: the bundled one) instead of --qa",
    )
    ev.add_argument(
        "--llm",
        action="store_true",
        help="answer through the configured chat model and report how many answers were shown verified",
    )
    ev.set_defaults(func=cmd_eval)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    settings = Settings()
    if getattr(args, "home", None):
        settings = replace(settings, home=Path(args.home))
    for name in ("embedder", "store", "milvus_uri"):
        if getattr(args, name, None):
            settings = replace(settings, **{name: getattr(args, name)})
    for name in ("llm_base_url", "llm_model", "llm_api_key"):
        if getattr(args, name, None):
            settings = replace(settings, **{name: getattr(args, name)})
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    try:
        if settings.store not in STORES:
            raise UsageError(f"POLICYQA_STORE 只能是 {' 或 '.join(STORES)}，当前为 {settings.store!r}")
        if getattr(args, "milvus_uri", None) and settings.store != "milvus":
            raise UsageError("--uri 只用于 Milvus：请同时给出 --store milvus（或设置 POLICYQA_STORE=milvus）")
        return args.func(args, settings)
    except UsageError as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 2
    except (IngestError, IndexStoreError) as exc:
        print(f"错误: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("已中断", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
