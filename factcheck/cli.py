"""The command line: parse options, call the library, render.  No logic of its own.

Every error the user can act on becomes one line on stderr and exit status 2
(``ExitStatus``); broken pipes end quietly; only data goes to stdout.  Top-level
imports are the standard library and click, so ``--help`` and small commands
start fast; jieba is never loaded on a lookup, rich only when a terminal view is
drawn.
"""

from __future__ import annotations

from dataclasses import dataclass

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from typing import Any

import click

from .config import index_location, precompile
from .errors import ExitStatus, FactcheckError


def note(message: str) -> None:
    """A one-line note on stderr (never stdout, which carries only data); file names and texts in
    it have their control characters escaped, so it stays one line and sends the terminal nothing."""
    from .views import shown

    click.echo(f"factcheck: {shown(message)}", err=True)


class MainGroup(click.Group):
    """Turns every known failure into one line and an exit status; no tracebacks."""

    def invoke(self, ctx: click.Context) -> Any:
        try:
            return super().invoke(ctx)
        except FactcheckError as e:
            note(f"error: {e}" if e.status == ExitStatus.ERROR else str(e))
            sys.exit(e.status)
        except BrokenPipeError:
            # The reader went away (`| head`): stop quietly, as grep does.
            try:
                devnull = os.open(os.devnull, os.O_WRONLY)
                os.dup2(devnull, sys.stdout.fileno())
            except (OSError, ValueError):
                pass
            sys.exit(ExitStatus.OK)
        except KeyboardInterrupt:
            note("interrupted")
            sys.exit(ExitStatus.INTERRUPTED)
        except OSError as e:
            note(f"error: {e.strerror or e}{': ' + str(e.filename) if getattr(e, 'filename', None) else ''}")
            sys.exit(ExitStatus.ERROR)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise  # click reports these itself (usage errors exit 2)
        except Exception as e:  # a bug or an unforeseen state: still one line, unless asked for more
            if os.environ.get("FACTCHECK_DEBUG"):
                raise
            if isinstance(e.__context__, KeyboardInterrupt) or (
                    type(e).__module__ == "sqlite3" and "interrupt" in str(e)):
                # Ctrl-C while SQLite or a library was busy: the same one line as anywhere else.
                note("interrupted")
                sys.exit(ExitStatus.INTERRUPTED)
            if type(e).__module__ == "sqlite3" and "full" in str(e):
                note("error: the disk is full: the index is as it was before the file being written; free some "
                     "space and run the same command again")
                sys.exit(ExitStatus.ERROR)
            if type(e).__module__ == "sqlite3" and "readonly" in str(e).replace("-", "").replace(" ", ""):
                note("error: read-only: the index cannot be written here; read commands still work")
                sys.exit(ExitStatus.ERROR)
            kind = "index error" if type(e).__module__ == "sqlite3" else "internal error"
            note(f"{kind}: {type(e).__name__}: {e} (set FACTCHECK_DEBUG=1 for the traceback)")
            sys.exit(ExitStatus.ERROR)


def index_option(f: Callable) -> Callable:
    return click.option(
        "--index",
        "index_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="Index file (default: $FACTCHECK_INDEX, else one in your application directory).",
    )(f)


def output_options(*, csv: bool = False) -> Callable:
    """--json / --jsonl (/ --csv): the same flags on every read command."""

    def decorator(f: Callable) -> Callable:
        f = click.option("--jsonl", "fmt", flag_value="jsonl", help="One JSON object per line, flushed as it is ready.")(f)
        f = click.option("--json", "fmt", flag_value="json", help="One JSON array.")(f)
        if csv:
            f = click.option("--csv", "fmt", flag_value="csv", help="CSV with a header row.")(f)
        return f

    return decorator


def lang_option(f: Callable) -> Callable:
    """--lang: the language of the labels people read (JSON and CSV never change)."""

    def choose(ctx: click.Context, param: click.Parameter, value: str | None) -> None:
        from .labels import set_language

        set_language(value)

    return click.option(
        "--lang", type=click.Choice(["en", "zh"]), default=None, expose_value=False, callback=choose,
        help="Labels of the terminal view and HTML report: en or zh (default: zh when LANG/LC_ALL is zh_*, else en).",
    )(f)


def _store(index_path: str | None):
    from .corpus import open_index

    return open_index(index_location(index_path), note=note)


@click.group(cls=MainGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="factcheck")
def cli() -> None:
    """Check claims and quotes against Chinese news articles.

    \b
    Example:
      factcheck check "滨江累计主导参与制定国际标准50项"
    """


# ------------------------------------------------------------------ index


@cli.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--prune", is_flag=True, help="Drop files from the index that no longer exist.")
@click.option(
    "--field",
    "fields",
    multiple=True,
    metavar="NAME=KEY",
    help="For .jsonl/.json archives: read NAME (title, byline, date, source, text) from KEY.",
)
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True, metavar="SECONDS",
              help="For URLs: how long to wait for the server.")
@index_option
def index(paths: tuple[str, ...], prune: bool, fields: tuple[str, ...], timeout: float, index_path: str | None) -> None:
    """Index news files, directories and web pages by URL.

    Reads text pages (.txt, .md), archives (.jsonl, .json), saved web pages
    (.html, .htm), PDFs with a text layer (.pdf) and Word files (.docx).  A URL
    is fetched (at most 20 MB) and indexed under its address with the time it
    was fetched.  Unchanged files are skipped; a changed file is replaced in one
    transaction.  Exit status 1 when a file or URL had to be skipped.

    \b
    Examples:
      factcheck index --index news.sqlite articles/ export.jsonl
      factcheck index https://www.example.com/news/2023-04/25/123.html
    """
    from .corpus import writer_lock
    from .indexer import index_paths
    from .store import IndexError_, Store

    mapping: dict[str, str] = {}
    for spec in fields:
        name, sep, key = spec.partition("=")
        if not sep or name not in ("title", "byline", "date", "source", "text") or not key:
            raise click.BadParameter(f"expected NAME=KEY with NAME one of title, byline, date, source, text; got {spec!r}", param_hint="--field")
        mapping[name] = key
    loc = index_location(index_path)
    try:
        with writer_lock(loc.path, note):  # a read-only place fails here, in one line
            store = Store.open(loc.path, create=True)
            check = store.quick_check()
            if check not in (None, "ok"):
                store.close()
                raise FactcheckError(f"{loc.path} is corrupt ({' '.join(check.split())}); move it aside and index again")
            with store, _progress("indexing") as progress:
                report = index_paths(store, list(paths), prune=prune, fields=mapping, progress=progress,
                                     timeout=timeout)
        precompile()
    except IndexError_ as e:
        raise FactcheckError(str(e)) from None
    for path, reason in report.skipped:
        note(f"skipped {path}: {reason}")
    if report.unknown:
        kinds = sorted({os.path.splitext(u)[1].lower() or "(no suffix)" for u in report.unknown})
        note(f"not read: {len(report.unknown)} file(s) of a type factcheck does not read: {', '.join(kinds[:8])}"
             + (" …" if len(kinds) > 8 else ""))
    bad = sum(len(v) for v in report.bad_records.values())
    for path, problems in report.bad_records.items():
        shown_problems = "; ".join(problems[:3]) + (f"; and {len(problems) - 3} more" if len(problems) > 3 else "")
        note(f"{path}: skipped {len(problems)} record(s) or field(s): {shown_problems}")
    note(
        f"{len(report.indexed)} file(s) indexed ({report.articles} articles, {report.sentences} sentences"
        + (f", {report.captions} photo captions" if report.captions else "") + "), "
        f"{len(report.unchanged)} unchanged, {len(report.skipped)} skipped"
        + (f", {bad} bad record(s) or field(s) skipped" if bad else "")
        + (f", {len(report.unknown)} of other types not read" if report.unknown else "")
        + (f", {len(report.removed)} removed" if prune else "")
        + f" -> {loc.path}"
    )
    if report.skipped or bad:
        sys.exit(ExitStatus.NOT_ALL)


class _NoProgress:
    def __enter__(self) -> Callable[[int, int, str], None] | None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


def _progress(label: str):
    """A progress bar on stderr, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        return _NoProgress()
    from .progress import Bar

    return Bar(label)


# ------------------------------------------------------------------ sources / show


@cli.command()
@output_options(csv=True)
@index_option
def sources(fmt: str | None, index_path: str | None) -> None:
    """List the indexed articles: title, byline, path and sentence count.

    \b
    Example:
      factcheck sources --jsonl | jq -r .title
    """
    from . import corpus
    from .render import emit, records

    with _store(index_path) as store:
        items = corpus.sources(store)
        if fmt:
            emit(records(items), fmt)
        else:
            from .views import Out, show_sources

            show_sources(Out(), items)


@cli.command()
@click.argument("cid")
@output_options()
@index_option
def show(cid: str, fmt: str | None, index_path: str | None) -> None:
    """Show a cited sentence inside its paragraph, with title and byline.

    \b
    Example:
      factcheck show 1a2b3c4d5e6f
    """
    from . import corpus
    from .render import emit, records

    with _store(index_path) as store:
        cited = corpus.cite(store, cid)
        if fmt:
            emit(records([cited]), fmt)
        else:
            from .views import Out, show_cited

            show_cited(Out(), cited)


# ------------------------------------------------------------------ check


def read_inputs(args: tuple[str, ...]) -> Iterable[str]:
    """Arguments (a tuple), or lines of stdin (with no argument or ``-``), read as they arrive."""
    if args and args != ("-",):
        return args
    stdin = sys.stdin
    if stdin.isatty():
        note("reading one claim per line from stdin (Ctrl-D to end)")
        return _TypedLines(stdin)
    try:
        fd = stdin.fileno()
    except (AttributeError, OSError, ValueError):
        return _TypedLines(stdin)  # a test runner's stream, with no descriptor to read
    from .batch import lines

    return lines(fd)


class _TypedLines:
    """Lines of a text stream (a terminal, or a test runner's stream), one at a time: ``answer_all``
    reads it in this thread and gives no line to a helper process (nobody types a batch)."""

    interactive = True

    def __init__(self, stream: Any):
        try:
            stream.reconfigure(encoding="utf-8", errors="replace")
        except (AttributeError, ValueError):
            pass  # a test runner's stream, already text
        self.stream = stream

    def __iter__(self) -> Iterator[str]:
        for line in self.stream:
            yield line.rstrip("\r\n")


@dataclass
class Tally:
    """What a batch needs for its exit status: how many answers, and whether all were good.

    Only this is kept, never the results themselves: a batch of a million claims
    answers in constant memory.
    """

    count: int = 0
    all_ok: bool = True
    failed: int = 0


def _stream(results: Iterator[Any], fmt: str | None, draw: Callable[[Any, Any], None]) -> Tally:
    """Write each result as soon as it is ready; returns the tally for the exit status."""
    from .check import exit_ok
    from .render import emit, records

    tally = Tally()

    def tap() -> Iterator[Any]:
        for r in results:
            tally.count += 1
            tally.all_ok = tally.all_ok and exit_ok([r])
            tally.failed += bool(getattr(r, "error", None) and str(r.error).startswith("internal error"))
            yield r

    if fmt:
        emit(records(tap()), fmt)
    else:
        from .views import Out

        out = Out()
        for r in tap():
            draw(out, r)
    return tally


def _each(store: Any, items: Iterable[str], make: Callable[[Any], Callable[[str], Any]],
          failed: Callable[[str, str], Any]) -> Iterator[Any]:
    """Answer every item of a batch in order (on every core when a batch waits, see batch.py);
    one that fails gets its own error result, and the batch goes on."""
    from .batch import answer_all

    return answer_all(items, make(store), partial(_failed, failed), store=store, make=make,
                      jobs=1 if getattr(items, "interactive", False) else None)


def _failed(result: Callable[[str, str], Any], item: str, error: Exception) -> Any:
    if isinstance(error, FactcheckError) or os.environ.get("FACTCHECK_DEBUG"):
        raise error
    return result(item, f"internal error: {type(error).__name__}: {error}"[:300])


def _claim_checker(store: Any, **options: Any) -> Callable[[str], Any]:
    from .check import Checker

    return Checker(store, **options).check


def _quote_checker(store: Any, **options: Any) -> Callable[[str], Any]:
    from .check import QuoteChecker

    return QuoteChecker(store, **options).check


def _not_answered(result: type, item: str, why: str) -> Any:
    return result(claim=item, verdict="not_found", error=why)


def _exit(tally: Tally, what: str) -> None:
    """Exit 0 when every answer was good, 1 when one was not, 2 when one could not be given."""
    if tally.failed:
        note(f"{tally.failed} of {tally.count} {what}(s) failed with an internal error, each answered with it "
             "(set FACTCHECK_DEBUG=1 for the traceback)")
        sys.exit(ExitStatus.ERROR)
    sys.exit(ExitStatus.OK if tally.all_ok else ExitStatus.NOT_ALL)


def _finite(ctx: click.Context, param: click.Parameter, value: float) -> float:
    import math

    if not math.isfinite(value):
        raise click.BadParameter("must be a number from 0 to 100")
    return value


@cli.command()
@click.argument("claims", nargs=-1)
@click.option("--top", default=3, show_default=True, type=click.IntRange(1, 50), help="Matches to show per claim.")
@click.option("--context", "context", default=1, show_default=True, type=click.IntRange(0, 20), help="Sentences of context before and after.")
@click.option("--min-score", default=30.0, show_default=True, type=click.FloatRange(0, 100), callback=_finite,
              help="Hide matches scoring below this (0-100).")
@output_options()
@lang_option
@index_option
def check(claims: tuple[str, ...], top: int, context: int, min_score: float, fmt: str | None, index_path: str | None) -> None:
    """Find the sources of claims and check their figures.

    Each CLAIM is checked; with none (or -), claims are read from stdin, one per
    line, and answered as they arrive, in order (claims piped in faster than
    they are answered are shared among the machine's cores).  Verdicts: supported, contradicted,
    unverified, not_found.  Exit status 0 when every claim is supported, 1 when
    one is not, 2 on errors.

    \b
    Examples:
      factcheck check "滨江累计主导参与制定国际标准50项"
      cut -f2 claims.tsv | factcheck check --jsonl > verdicts.jsonl
    """
    from .check import ClaimResult

    with _store(index_path) as store:
        from .views import show_claim

        answers = _each(store, read_inputs(claims),
                        partial(_claim_checker, top=top, context=context, min_score=min_score),
                        partial(_not_answered, ClaimResult))
        tally = _stream(answers, fmt, show_claim)
    if not tally.count:
        raise FactcheckError("no claims given: pass them as arguments or one per line on stdin")
    _exit(tally, "claim")


# ------------------------------------------------------------------ quotes


@cli.command()
@click.argument("quotes", nargs=-1)
@click.option("--top", default=1, show_default=True, type=click.IntRange(1, 20), help="Source passages to show per quote.")
@click.option("--context", "context", default=1, show_default=True, type=click.IntRange(0, 20), help="Sentences of context before and after.")
@output_options()
@lang_option
@index_option
def quote(quotes: tuple[str, ...], top: int, context: int, fmt: str | None, index_path: str | None) -> None:
    """Check the exact wording of quotations and name their speakers.

    Verdicts: exact (same words; differences of print are listed as notes),
    altered (a character diff shows what changed), not_found.  Quoting part of
    a quotation, or leaving words out with an ellipsis (……), is no change.  A
    quote given with its attribution (“……”X说 / X表示：“……”) has its speaker
    checked too: misattributed when the source names another person.  With no
    QUOTE (or -), quotes are read from stdin, one per line.  Exit status 0 when
    every quote is exact and rightly attributed, 1 otherwise, 2 on errors.

    \b
    Examples:
      factcheck quote "「我们把社区的发展、社区资源的开发增值、服务民生3项原则列为集团目标」"
      factcheck quote '汪琳琳说：“我们把社区的发展……3项原则列为集团目标。”'
    """
    from .check import QuoteResult

    with _store(index_path) as store:
        from .views import show_quote

        answers = _each(store, read_inputs(quotes), partial(_quote_checker, top=top, context=context),
                        partial(_not_answered, QuoteResult))
        tally = _stream(answers, fmt, show_quote)
    if not tally.count:
        raise FactcheckError("no quotes given: pass them as arguments or one per line on stdin")
    _exit(tally, "quote")


@cli.command()
@click.option("--speaker", help="Only quotations by this speaker (a name or part of a role).")
@output_options(csv=True)
@index_option
def quotes(speaker: str | None, fmt: str | None, index_path: str | None) -> None:
    """List every quotation in the index with its speaker, role and attribution.

    \b
    Example:
      factcheck quotes --speaker 赵新宇 --jsonl
    """
    from .check import all_quotations
    from .render import emit, records

    with _store(index_path) as store:
        items = all_quotations(store, speaker)
        if fmt:
            emit(records(items), fmt)
        else:
            from .views import Out, show_quotations

            show_quotations(Out(), items)


# ------------------------------------------------------------------ draft


@cli.command()
@click.argument("file", type=click.Path(dir_okay=False, allow_dash=True))
@click.option("--html", "html_path", type=click.Path(dir_okay=False, writable=True), help="Also write an HTML report to this file.")
@output_options()
@lang_option
@index_option
def draft(file: str, html_path: str | None, fmt: str | None, index_path: str | None) -> None:
    """Check every figure and quotation of a draft article against the sources.

    FILE is a .txt, .md, .docx or .html draft (text in any encoding the index
    reads), or - for stdin.
    Every non-empty line is at least one sentence, with or without a final 。;
    Markdown is read as the text it shows.  Each sentence that states a figure
    or holds a quotation is checked, and any other sentence that closely
    matches a source.  Problems are listed first, then sentences no source
    establishes.  Exit status 0 when nothing is contradicted, altered or
    misattributed, 1 otherwise, 2 on errors.

    \b
    Examples:
      factcheck draft story.md
      factcheck draft story.md --lang zh --html report.html
      factcheck draft story.txt --html report.html --json > report.json
    """
    from .draft import check_draft, draft_text, read_draft, summarise
    from .reader import NotText

    try:
        data = sys.stdin.buffer.read() if file == "-" else open(file, "rb").read()
        text = draft_text(file, data)
    except NotText as e:
        raise FactcheckError(f"cannot read the draft {file}: {e}") from None
    name = "stdin" if file == "-" else file
    if html_path and file != "-" and os.path.exists(html_path) and os.path.samefile(html_path, file):
        raise FactcheckError(f"--html {html_path} is the draft itself: write the report to another file")
    markdown = file.lower().endswith((".md", ".markdown"))
    with _store(index_path) as store:
        read = read_draft(text, markdown=markdown)
        for line in read.notes:
            note(line)
        total = len(read.sentences)
        results = []
        with _progress("checking") as progress:
            stream = check_draft(store, read)
            if fmt == "jsonl":
                from .render import emit, records

                def tap():
                    for r in stream:
                        results.append(r)
                        if progress:
                            progress(len(results), total, "")
                        yield r

                emit(records(tap()), "jsonl")
            else:
                for r in stream:
                    results.append(r)
                    if progress:
                        progress(len(results), total, "")
        summary = summarise(results, read.notes)
        if fmt == "json":
            from .render import dumps, plain

            click.echo(dumps({"file": name, "summary": plain(summary), "sentences": [plain(r) for r in results]}))
        elif fmt is None:
            from .views import Out, show_draft

            show_draft(Out(), name, results, summary)
        if html_path:
            from .report import render_html

            with open(html_path, "w", encoding="utf-8") as fh:
                fh.write(render_html(name, results, summary))
            note(f"HTML report written to {html_path}")
    sys.exit(ExitStatus.NOT_ALL if summary.problems else ExitStatus.OK)


# ------------------------------------------------------------------ figures


@cli.command()
@click.argument("query", required=False)
@click.option("--text", "text", help="Read the figures of this text instead of the index.")
@click.option("--top", default=20, show_default=True, type=click.IntRange(1, 1000), help="With QUERY: sentences to read.")
@output_options(csv=True)
@index_option
def figures(query: str | None, text: str | None, top: int, fmt: str | None, index_path: str | None) -> None:
    """List figures: value, unit, qualifier, kind, with sentence and attribution.

    Without QUERY, every figure in the index; with QUERY, the figures of the
    sentences that match it; with --text, the figures of that text (no index).

    \b
    Examples:
      factcheck figures --text "质押金额由269万元增加至61亿元" --json
      factcheck figures "知识产权质押" --csv > figures.csv
    """
    from . import corpus

    if text is not None and query is not None:
        raise click.UsageError("give either QUERY or --text, not both")
    if text is not None:
        items = list(corpus.figures_of_text(text))
        _output_figures(items, fmt)
        return
    with _store(index_path) as store:
        if query:
            from .match import Matcher
            from .verdict import PARTIAL

            _, ranked = Matcher(store).rank(query, top=top)
            sents = (s for r in ranked if r.score >= PARTIAL for s in r.unit.sentences)
        else:
            sents = store.all_sentences()
        _output_figures(corpus.figures_of_sentences(store, sents), fmt)


def _output_figures(items: Any, fmt: str | None) -> None:
    from .render import emit, records

    if fmt:
        emit(records(items), fmt)
    else:
        from .views import Out, show_figures

        show_figures(Out(), items)


def main() -> None:
    """The console script (and ``python -m factcheck``): run the command, then end the process.

    Once the command has run, its output is flushed and the exit functions have run, the process
    ends with ``os._exit``, without tearing the interpreter down: freeing every object and module
    one by one took 25 ms of a 170 ms cold lookup and 35-50 ms of a draft.  Every command has
    closed its index and stopped its worker processes by then (``with`` blocks, ``finally``).
    """
    try:
        cli(prog_name="factcheck")
        code: object = 0
    except SystemExit as e:
        code = e.code
    _end(code)


def _end(code: object) -> None:
    """Exit with ``code`` as ``sys.exit`` would, without the interpreter's teardown (see ``main``)."""
    import atexit

    if code is None:
        status = 0
    elif isinstance(code, int):
        status = code
    else:  # sys.exit("message"): the message on stderr, status 1
        print(code, file=sys.stderr)
        status = 1
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (OSError, ValueError):
            pass  # a reader gone (| head) or a closed stream: nothing more can be written
    atexit._run_exitfuncs()  # what Python runs at exit (the pattern cache, multiprocessing's cleanup)
    os._exit(status)
