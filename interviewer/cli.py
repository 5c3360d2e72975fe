"""The command line: parse flags, call the core, print the result. No interview logic lives here.

Heavy modules (openai, tiktoken, pydantic models, jinja) are imported inside commands so that
`interviewer --help` stays instant.
"""

import sys
from pathlib import Path

import click

from interviewer import __version__, environment
from interviewer.errors import BadInput, ExitCode, InterviewerError

DEBUG_VARIABLE = environment.DEBUG


class _ShownError(click.ClickException):
    """An InterviewerError on its way out: one line, its own exit code, no traceback."""

    def __init__(self, message: str, exit_code: int) -> None:
        super().__init__(message)
        self.exit_code = exit_code  # type: ignore[misc]  # click declares it per class


class _Group(click.Group):
    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except (click.exceptions.Exit, click.ClickException, click.Abort):
            raise
        except KeyboardInterrupt:
            click.echo("\nInterrupted.", err=True)
            ctx.exit(ExitCode.INTERRUPTED)
        except BrokenPipeError:
            _quiet_closed_pipe()
            ctx.exit(CLOSED_PIPE_EXIT)
        except Exception as error:
            if environment.debug():
                raise
            raise _shown(error) from None


CLOSED_PIPE_EXIT = 141  # what a shell reports for a command stopped by SIGPIPE


def _quiet_closed_pipe() -> None:
    """The reader (e.g. `| head -1`) stopped reading: that is not an error worth a message,
    and the output still buffered must not raise again when Python flushes it at exit."""
    import os
    import sys

    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # no real file descriptor (a test runner's stream)
        pass


def _echo(text: str, **options) -> None:
    """Print text that a model, a profile or a log supplied: never an escape sequence."""
    from interviewer.terminal_text import for_terminal

    click.echo(for_terminal(text), **options)


def _shown(error: Exception) -> _ShownError:
    if isinstance(error, InterviewerError):
        return _ShownError(_scrub(str(error)), error.exit_code)
    message = f"unexpected {type(error).__name__}: {_scrub(str(error))}; rerun with {DEBUG_VARIABLE}=1 for details"
    return _ShownError(message, ExitCode.FAILURE)


def _scrub(message: str) -> str:
    """Belt and braces: no message we print may carry the API key or a URL's password."""
    from interviewer.redact import mask_url_credentials
    from interviewer.settings import scrub
    from interviewer.terminal_text import for_terminal

    return for_terminal(mask_url_credentials(scrub(message)))


def endpoint_options(command):
    """The flags that override endpoint settings (flag > environment > config file > default)."""
    options = [
        click.option(
            "--offline",
            is_flag=True,
            default=None,
            help="Use the built-in offline engine; no network.",
        ),
        click.option("--model", help="Model name at the endpoint [env INTERVIEWER_MODEL]."),
        click.option("--base-url", help="OpenAI-compatible endpoint URL [env OPENAI_BASE_URL]."),
        click.option("--api-key", help="Prefer OPENAI_API_KEY: flags can end up in shell history."),
        click.option(
            "--timeout", type=float, help="Seconds to wait for one reply [env INTERVIEWER_TIMEOUT]."
        ),
    ]
    for option in reversed(options):
        command = option(command)
    return command


def _settings(params: dict):
    from interviewer.settings import resolve_settings

    names = ("offline", "model", "base_url", "api_key", "timeout", "context_tokens")
    return resolve_settings({name: params.get(name) for name in names})


@click.group(cls=_Group, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="interviewer")
def cli() -> None:
    """Rehearse the second-round job interview and get every answer critiqued.

    Works offline out of the box; point OPENAI_BASE_URL (and OPENAI_API_KEY) at any
    OpenAI-compatible endpoint to use an LLM.
    """


@cli.command()
@click.option("--question", "-q", help="The interview question.")
@click.option("--answer", "-a", help="Your answer, as text.")
@click.option(
    "--answer-file", type=click.Path(path_type=Path), help="Read your answer from a file."
)
@click.argument("stdin_marker", required=False, metavar="[-]")
@click.option("--profile", "-p", type=click.Path(path_type=Path), help="Interview profile (TOML).")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--input",
    "input_path",
    type=click.Path(path_type=Path),
    help="Critique every line of a JSONL file ('-' for stdin).",
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    help="With --input: write the JSON lines here instead of stdout.",
)
@click.option(
    "--jobs",
    "-j",
    type=click.IntRange(1, 64),
    default=8,
    show_default=True,
    help="With --input: answers critiqued at once.",
)
@endpoint_options
def critique(**params) -> None:
    """Critique one answer against the second-round guidance.

    Give the answer with --answer, --answer-file, or '-' to read it from stdin.
    """
    from interviewer.profile import load_profile

    settings = _settings(params)
    profile = load_profile(params["profile"])
    if params["input_path"] is not None:
        _critique_batch(params, settings, profile)
        return
    question = _required_question(params["question"])
    answer = _read_answer(params["answer"], params["answer_file"], params["stdin_marker"])
    critique_result = _critique_once(question, answer, settings, profile)
    _echo_critique(critique_result, params["fmt"])


def _required_question(question: str | None) -> str:
    if question is None or not question.strip():
        raise BadInput("give the question with --question TEXT")
    return question


def _read_answer(answer: str | None, answer_file: Path | None, marker: str | None) -> str:
    if marker not in (None, "-"):
        raise BadInput(f"unexpected argument '{marker}'; use - to read the answer from stdin")
    given = [answer is not None, answer_file is not None, marker == "-"]
    if sum(given) != 1:
        raise BadInput(
            "give the answer exactly one way: --answer TEXT, --answer-file PATH, or - for stdin"
        )
    if answer is not None:
        return answer
    if answer_file is not None:
        return _read_text_file(answer_file, "answer file")
    return sys.stdin.read()


def _read_text_file(path: Path, what: str) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise BadInput(f"{what} {path}: no such file; check the path") from None
    except UnicodeDecodeError:
        raise BadInput(f"{what} {path}: not UTF-8 text; save it as UTF-8 and try again") from None
    except OSError as error:
        raise BadInput(f"{what} {path}: cannot read it ({error.strerror})") from None


def _critique_once(question: str, answer: str, settings, profile):
    from interviewer.backends import make_grader
    from interviewer.drafts import save_draft
    from interviewer.errors import EndpointError
    from interviewer.grading.pipeline import critique_answer

    try:
        return critique_answer(question, answer, grader=make_grader(settings), profile=profile)
    except EndpointError as error:
        error.kept(f"your answer is kept in {save_draft(question=question, answer=answer)}")
        raise


def _echo_critique(critique_result, fmt: str) -> None:
    from interviewer.grading.render import render_critique

    _echo(render_critique(critique_result, fmt), nl=False)
    if critique_result.verdict == "ungraded":
        click.echo("warning: the grader gave no usable judgement; nothing was scored", err=True)


def _critique_batch(params: dict, settings, profile) -> None:
    from interviewer.backends import make_grader
    from interviewer.grading.batch import critique_items, read_items
    from interviewer.grading.pipeline import critique_answer

    if params["question"] or params["answer"] or params["answer_file"] or params["stdin_marker"]:
        raise BadInput(
            "--input takes questions and answers from the file; drop --question/--answer"
        )
    if params["fmt"] != "text":
        raise BadInput("--input always writes JSON lines; drop --format")
    items = read_items(_input_lines(params["input_path"]))
    grader = make_grader(settings)

    def one(question: str, answer: str):
        return critique_answer(question, answer, grader=grader, profile=profile)

    failed, ungraded = _write_batch(critique_items, items, one, params)
    if failed:
        raise InterviewerError(f'{failed} of {len(items)} items failed; see their "error" lines')
    if items and ungraded == len(items):
        raise InterviewerError(
            f'none of the {len(items)} answers could be graded (each line says "ungraded"); '
            "check the model with `interviewer doctor` or run with --offline"
        )


def _input_lines(path: Path) -> list[str]:
    if str(path) == "-":
        return sys.stdin.read().splitlines()
    return _read_text_file(path, "input file").splitlines()


def _write_batch(critique_items, items, one, params) -> tuple[int, int]:
    """Write each result as it comes; return how many failed and how many were left ungraded."""
    import json

    from interviewer.terminal_text import for_terminal

    output = params["output"]
    sink = open(output, "w", encoding="utf-8") if output else sys.stdout  # noqa: SIM115
    failed = ungraded = 0
    try:
        with click.progressbar(length=len(items), label="critiquing", file=sys.stderr) as bar:
            for result in critique_items(
                items, one, jobs=params["jobs"], on_done=lambda: bar.update(1)
            ):
                failed += "error" in result
                ungraded += result.get("verdict") == "ungraded"
                line = json.dumps(result, ensure_ascii=False) + "\n"
                sink.write(line if output else for_terminal(line))
                sink.flush()
    finally:
        if output:
            sink.close()
    return failed, ungraded


@cli.group(invoke_without_command=True)
@click.pass_context
def config(ctx: click.Context) -> None:
    """Show the settings in effect and where each came from (the key is never shown)."""
    if ctx.invoked_subcommand is None:
        from interviewer import paths
        from interviewer.settings import SPECS, resolve_settings

        settings = resolve_settings()
        click.echo(f"config file: {paths.config_file()}")
        click.echo(f"data dir:    {paths.data_dir()}")
        click.echo(
            f"engine:      {'offline (no endpoint configured)' if settings.use_offline else 'LLM endpoint'}"
        )
        for name in SPECS:
            _echo(f"  {name:<15} {settings.shown(name):<40} ({settings.sources[name]})")


@config.command("set")
@click.argument("name")
@click.argument("value")
def config_set(name: str, value: str) -> None:
    """Store NAME = VALUE in the config file (never the API key)."""
    from interviewer.settings import write_config_value

    click.echo(f"set {name} in {write_config_value(name, value)}")


@config.command("unset")
@click.argument("name")
def config_unset(name: str) -> None:
    """Remove NAME from the config file."""
    from interviewer.settings import write_config_value

    click.echo(f"removed {name} from {write_config_value(name, None)}")


@config.command("path")
def config_path() -> None:
    """Print where the config file lives."""
    from interviewer import paths

    click.echo(paths.config_file())


@cli.command()
@endpoint_options
def models(**params) -> None:
    """List the models the configured endpoint serves."""
    from interviewer.backends import make_client

    settings = _settings(params)
    if settings.use_offline:
        raise BadInput("no endpoint configured: set OPENAI_BASE_URL and/or OPENAI_API_KEY first")
    for name in make_client(settings).list_models():
        _echo(name)


@cli.command()
@endpoint_options
@click.pass_context
def doctor(ctx: click.Context, **params) -> None:
    """Check the endpoint: reach, model, JSON, context window, streaming, speed."""
    from interviewer.llm.doctor import diagnose

    diagnosis = diagnose(_settings(params))
    click.echo(_scrub(diagnosis.table()))
    ctx.exit(diagnosis.exit_code)


@cli.command()
@click.option(
    "--profile",
    "-p",
    type=click.Path(path_type=Path),
    help="Interview profile (TOML); see examples/.",
)
@click.option(
    "--questions",
    "-n",
    type=click.IntRange(1, 20),
    default=5,
    show_default=True,
    help="Planned questions.",
)
@click.option(
    "--max-follow-ups",
    type=click.IntRange(0, 5),
    default=2,
    show_default=True,
    help="Follow-ups per question.",
)
@click.option(
    "--tone",
    type=click.Choice(["formal", "relaxed", "shift"]),
    help="Executive's register [default: the profile's, else formal].",
)
@click.option(
    "--context-tokens",
    type=click.IntRange(512),
    help="The model's context window [env INTERVIEWER_CONTEXT_TOKENS].",
)
@click.option("--seed", type=int, help="Make the offline executive's choices repeatable.")
@click.option(
    "--pause-on-eof",
    is_flag=True,
    help="When piped input ends, pause (resume later) instead of finishing with a report.",
)
@click.option(
    "--from-prep",
    is_flag=True,
    help="Ask first about what your prep brief found weakest; the report says which were ready. "
    "The brief is built offline from --profile, even when an LLM runs the interview.",
)
@click.option(
    "--brief",
    type=click.Path(path_type=Path),
    help="With --from-prep: a brief saved by `interviewer prep --format json -o FILE`.",
)
@endpoint_options
def practice(**params) -> None:
    """Hold a second-round interview in the terminal, then get a report.

    Finish each answer with an empty line. /help lists the commands (/skip, /repeat, /edit,
    /draft, /pause, /quit). Answers can be piped in, separated by blank lines; when the input
    ends the interview finishes and prints its report (--max-follow-ups 0 makes a script's
    answers line up with the planned questions).
    """
    from interviewer.profile import load_profile
    from interviewer.session.state import InterviewOptions
    from interviewer.tone import chosen_tone

    settings = _settings(params)
    profile = load_profile(params["profile"])
    tone = chosen_tone(params["tone"], profile.interviewer.tone)
    options = InterviewOptions(
        questions=params["questions"],
        max_follow_ups=params["max_follow_ups"],
        tone=tone,
        seed=params["seed"],
    )
    prep = _prep_aim(params, profile)
    _run_interview(
        settings,
        params,
        lambda interview_cls, **parts: interview_cls.start(
            profile=profile, options=options, prep=prep, **parts
        ),
    )


def _prep_aim(params: dict, profile):
    """--from-prep: the weak points of the prep brief, from --brief or built from the profile."""
    if params["brief"] is not None and not params["from_prep"]:
        raise BadInput("--brief is read only with --from-prep; add --from-prep")
    if not params["from_prep"]:
        return None
    if params["profile"] is None and params["brief"] is None:
        raise BadInput("--from-prep builds the brief from your profile; add --profile PATH")
    from interviewer.prep.aim import aim_for_profile

    return aim_for_profile(profile, brief_path=params["brief"])


@cli.command()
@click.argument("session_id")
@click.option("--context-tokens", type=click.IntRange(512), help="The model's context window.")
@click.option(
    "--pause-on-eof",
    is_flag=True,
    help="When piped input ends, pause (resume later) instead of finishing with a report.",
)
@endpoint_options
def resume(session_id: str, **params) -> None:
    """Continue an interrupted interview from the last complete turn."""
    _run_interview(
        _settings(params),
        params,
        lambda interview_cls, **parts: interview_cls.resume(session_id, **parts),
    )


def _run_interview(settings, params: dict, open_interview) -> None:
    from interviewer.backends import make_executive, make_grader
    from interviewer.session.console import Console
    from interviewer.session.interview import Interview
    from interviewer.stdin_text import tolerate_invalid_utf8

    tolerate_invalid_utf8(sys.stdin)
    interview = open_interview(
        Interview,
        executive=make_executive(settings),
        grader=make_grader(settings),
        console=Console(),
    )
    interview.pause_on_eof = params.get("pause_on_eof", False)
    click.echo(
        f"Session {interview.session_id}. Type /help for commands; finish each answer with an empty line.",
        err=True,
    )
    try:
        result = interview.run()
    except InterviewerError as error:
        resume = f"interviewer resume {interview.session_id}"
        error.kept(f"everything said is saved; continue with `{resume}`")
        raise
    _report_outcome(result)


def _report_outcome(result) -> None:
    from interviewer.report.render import render_summary

    sid = result.session_id
    if result.report is not None:
        _echo("\n" + render_summary(result.report))
        click.echo(
            f"Saved as session {sid}. HTML: interviewer report {sid} --format html -o report.html",
            err=True,
        )
        return
    reasons = {
        "paused": "Paused.",
        "input_paused": "Input ended.",
        "interrupted": "Interrupted.",
    }
    click.echo(
        f"\n{reasons.get(result.outcome, 'Stopped.')} Everything you said is saved. Continue with: interviewer resume {sid}",
        err=True,
    )
    if result.outcome == "interrupted":
        raise click.exceptions.Exit(ExitCode.INTERRUPTED)


@cli.command()
def sessions() -> None:
    """List saved interviews: date, role, company, questions answered, overall score."""
    from interviewer.session.log import list_sessions

    found = list_sessions()
    if not found:
        click.echo("No sessions yet. Start one with: interviewer practice", err=True)
        return
    click.echo(
        f"{'SESSION':<22} {'DATE':<17} {'ROLE':<32} {'COMPANY':<22} {'ANSWERED':>8} {'OVERALL':>7}  STATUS"
    )
    for s in found:
        date = (s.started_at or "")[:16].replace("T", " ")
        overall = f"{s.overall:.1f}" if s.overall is not None else "-"
        _echo(
            f"{s.session_id:<22} {date:<17} {_clip(s.role, 32):<32} {_clip(s.company, 22):<22} "
            f"{s.questions_answered:>8} {overall:>7}  {s.status}"
        )


def _clip(text: str | None, width: int) -> str:
    text = text or "-"
    return text if len(text) <= width else text[: width - 1] + "…"


@cli.command()
@click.argument("session_id")
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["markdown", "html", "json"]),
    default="markdown",
    show_default=True,
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="Write to this file instead of stdout."
)
@click.option("--force", is_flag=True, help="Replace the output file if it already exists.")
def report(session_id: str, fmt: str, output: Path | None, force: bool) -> None:
    """Render a session's report again (a paused session gets a provisional one)."""
    from interviewer.files import check_output_path
    from interviewer.session.saved import render_session_report

    if output:
        check_output_path(output, force=force)
    text = render_session_report(session_id, fmt)
    _write_or_echo(text, output, force=force)


def _write_or_echo(text: str, output: Path | None, *, force: bool) -> None:
    """A rendered document to the -o file (saying so on stderr), or to stdout."""
    from interviewer.files import write_output

    if output:
        write_output(output, text, force=force)
        click.echo(f"wrote {output}", err=True)
    else:
        _echo(text, nl=False)


@cli.command()
@click.option(
    "--profile",
    "-p",
    type=click.Path(path_type=Path),
    required=True,
    help="Interview profile (TOML).",
)
@click.option(
    "--cv",
    type=click.Path(path_type=Path),
    help="Your CV: its achievement lines join the profile's.",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["text", "markdown", "html", "json"]),
    default="text",
    show_default=True,
)
@click.option(
    "--output", "-o", type=click.Path(path_type=Path), help="Write to this file instead of stdout."
)
@click.option("--force", is_flag=True, help="Replace the output file if it already exists.")
@endpoint_options
def prep(**params) -> None:
    """A brief for round two: likely questions, your stories and their gaps, whom to ask what."""
    from interviewer.files import check_output_path
    from interviewer.prep.command import brief_from_files, check_output
    from interviewer.prep.render import render_brief

    output, force = params["output"], params["force"]
    if output:
        check_output(output, [params["profile"], params["cv"]])
        check_output_path(output, force=force)
    brief = brief_from_files(params["profile"], params["cv"], _settings(params))
    text = render_brief(brief, params["fmt"])
    _write_or_echo(text, output, force=force)


@cli.group()
def profile() -> None:
    """Build an interview profile from your job ad, CV and round-one notes."""


_INPUT_HELP = "a file (.txt, .md, .pdf, .docx), - for standard input, or the text itself"


@profile.command("new")
@click.option("--job", metavar="FILE|-|TEXT", help=f"The job ad: {_INPUT_HELP}.")
@click.option("--cv", metavar="FILE|-|TEXT", help=f"Your CV: {_INPUT_HELP}.")
@click.option(
    "--notes",
    multiple=True,
    metavar="FILE|-|TEXT",
    help=f"Round-one notes or HR feedback (repeat for several): {_INPUT_HELP}.",
)
@click.option(
    "--output",
    "-o",
    default="profile.toml",
    show_default=True,
    help="Where to write the profile; - prints it.",
)
@click.option("--force", is_flag=True, help="Replace the output file if it already exists.")
@click.option(
    "--ask/--no-ask",
    default=None,
    help="Ask about what the documents do not say [default: when run in a terminal].",
)
@endpoint_options
def profile_new(**params) -> None:
    """Draft a profile that practice, critique and prep can use, from your documents.

    Every input is optional. A value that is not an existing file is taken as pasted text when
    it has a line break or at least 6 words; a shorter one is reported as a missing file. In a
    terminal, a missing input can be pasted (finish with an empty line; Enter alone skips), and
    each field the documents do not give is asked for; otherwise it becomes a TODO comment.
    """
    from interviewer.prep import profile_new as steps

    steps.check_output(params["output"], force=params["force"])
    settings = _settings(params)
    asking = sys.stdin.isatty() if params["ask"] is None else params["ask"]
    values = [params["job"], params["cv"], *params["notes"]]
    steps.check_asking(asking=asking, piped="-" in values and not sys.stdin.isatty())
    gathered = steps.gather(params["job"], params["cv"], params["notes"], sys.stdin.read)
    typed: dict[str, object] = {}
    if asking:
        gathered = _offer_paste(gathered, typed)
    _draft_and_write(settings, gathered, params["output"], asking, typed)


def _draft_and_write(settings, gathered, output: str, asking: bool, typed: dict) -> None:
    from interviewer.backends import make_drafter
    from interviewer.prep import profile_new as steps
    from interviewer.prep.asking import ask_for_gaps
    from interviewer.prep.profile_toml import Answers, render_profile_toml

    drafter, engine = make_drafter(settings)
    draft = drafter(gathered.inputs())
    answers = Answers()
    if asking:
        click.echo("A few questions about what your documents do not say (Enter skips):", err=True)
        answers = _keeping_on_interrupt(lambda: ask_for_gaps(draft, _asker(typed)), typed)
    text = render_profile_toml(draft, todo=True, answers=answers, origin=gathered.origin())
    if output == steps.STDOUT:
        click.echo(text, nl=False)
    else:
        steps.write_profile(output, text, typed=typed)
    for line in steps.summary(draft, answers, output, engine=engine):
        _echo(line, err=True)


def _asker(typed: dict):
    def ask(question: str) -> str:
        reply = click.prompt(question, default="", show_default=False, err=True)
        typed.setdefault("answers", []).append({"question": question, "answer": reply})
        return reply

    return ask


def _offer_paste(gathered, typed: dict):
    """In a terminal, offer to paste each document not given on the command line."""
    import dataclasses

    from interviewer.prep.documents import Document, checked_text

    wanted = {"job": "job ad", "cv": "CV", "notes": "round-one notes or HR feedback"}
    changes: dict = {}
    for name, what in wanted.items():
        if getattr(gathered, name):
            continue
        click.echo(
            f"No {what} given. Paste it here, then an empty line (Enter alone skips):", err=True
        )
        text = _keeping_on_interrupt(lambda name=name: _read_paste_keeping(name, typed), typed)
        if text.strip():
            typed[name] = text
            document = Document(
                text=checked_text(text, origin=f"the pasted {what}"), origin="pasted"
            )
            changes[name] = (document,) if name == "notes" else document
    return dataclasses.replace(gathered, **changes)


def _read_paste_keeping(name: str, typed: dict) -> str:
    """On Ctrl-C mid-paste, put the lines typed so far with what is kept."""
    from interviewer.prep.asking import PasteInterrupted

    try:
        return _read_paste()
    except PasteInterrupted as interrupted:
        if interrupted.partial.strip():
            typed[name] = interrupted.partial
        raise


def _read_paste() -> str:
    from interviewer.prep.asking import read_paste

    return read_paste(sys.stdin.readline, _more_input_waiting)


def _more_input_waiting() -> bool:
    """True while a paste is still arriving: more input is already waiting to be read."""
    import select

    try:
        return bool(select.select([sys.stdin], [], [], 0.2)[0])
    except (OSError, ValueError, TypeError):  # not a real file (a test's stream)
        return False


def _keeping_on_interrupt(step, typed: dict):
    """Run a step that reads the keyboard; on Ctrl-C keep what was typed so far and say where."""
    try:
        return step()
    except (KeyboardInterrupt, click.Abort):
        if typed:
            from interviewer.drafts import save_draft

            click.echo(
                f"\nInterrupted; what you typed is kept in {save_draft(kind='profile new', **typed)}",
                err=True,
            )
        else:
            click.echo("\nInterrupted.", err=True)
        sys.exit(ExitCode.INTERRUPTED)


def main() -> None:
    cli.main(prog_name="interviewer")
