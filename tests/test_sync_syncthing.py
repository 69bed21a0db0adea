"""Two laptops through a real sync engine: two Syncthing instances on 127.0.0.1.

Each has its own store folder (shared between them); both are stopped (SIGSTOP)
while each side writes three notes with the real ``kizuna note``, then resumed:
both must end with all six. Nothing leaves the loopback address.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from model.records import Contact
from model.store import Store

pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(shutil.which("syncthing") is None,
                       reason="syncthing is not installed (Debian: apt-get install syncthing; .ci/run does)"),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def generate(home: Path) -> str:
    out = subprocess.run(["syncthing", "generate", f"--home={home}"], capture_output=True, text=True,
                         env={**os.environ, "STNODEFAULTFOLDER": "1"}, check=True, timeout=60)
    for line in (out.stdout + out.stderr).splitlines():
        if "Device ID:" in line:
            return line.split("Device ID:")[1].strip()
    raise AssertionError(f"no device id in: {out.stdout} {out.stderr}")


def configure(home: Path, me: str, other: str, folder: Path, port: int, other_port: int, gui: int) -> str:
    tree = ET.parse(home / "config.xml")
    root = tree.getroot()
    for f in root.findall("folder"):
        root.remove(f)
    for d in root.findall("device"):
        if d.get("id") != me:
            root.remove(d)
    f = ET.Element("folder", id="kizuna", label="kizuna", path=str(folder), type="sendreceive",
                   rescanIntervalS="2", fsWatcherEnabled="true", fsWatcherDelayS="1")
    ET.SubElement(f, "device", id=me)
    ET.SubElement(f, "device", id=other)
    root.insert(0, f)
    d = ET.SubElement(root, "device", id=other, name="other", compression="metadata")
    ET.SubElement(d, "address").text = f"tcp://127.0.0.1:{other_port}"
    root.find("gui/address").text = f"127.0.0.1:{gui}"
    options = root.find("options")
    settings = {"listenAddress": f"tcp://127.0.0.1:{port}", "globalAnnounceEnabled": "false",
                "localAnnounceEnabled": "false", "relaysEnabled": "false", "natEnabled": "false",
                "crashReportingEnabled": "false", "startBrowser": "false", "urAccepted": "-1",
                "autoUpgradeIntervalH": "0"}
    for key, value in settings.items():
        el = options.find(key)
        if el is None:
            el = ET.SubElement(options, key)
        el.text = value
    tree.write(home / "config.xml")
    return root.find("gui/apikey").text


def connected(gui: int, key: str, other: str) -> bool:
    req = urllib.request.Request(f"http://127.0.0.1:{gui}/rest/system/connections", headers={"X-API-Key": key})
    try:
        with urllib.request.urlopen(req, timeout=2) as r:
            return json.load(r)["connections"].get(other, {}).get("connected", False)
    except OSError:
        return False


def wait_for(what: str, check, timeout: float = 90.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if check():
            return
        time.sleep(0.5)
    raise AssertionError(f"timed out waiting for {what}")


def kizuna(folder: Path, device: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "KIZUNA_DEVICE": device}
    env.pop("KIZUNA_SYNC", None)  # the Syncthing folder's .stfolder marker turns the device layout on
    return subprocess.run([sys.executable, "-m", "tui", "--db", str(folder / "kizuna.json"), *args],
                          capture_output=True, text=True, env=env, timeout=60)


def notes_seen(folder: Path, device: str) -> set[str]:
    os.environ["KIZUNA_DEVICE"] = device
    store = Store(folder / "kizuna.json")
    return {i.text for i in store.interactions() if i.kind != "log"}


def test_two_syncthing_laptops_written_apart_converge(tmp_path, monkeypatch):
    monkeypatch.setenv("KIZUNA_DEVICE", "DESK")
    monkeypatch.delenv("KIZUNA_SYNC", raising=False)
    homes = {n: tmp_path / f"home-{n}" for n in "ab"}
    folders = {n: tmp_path / f"sync-{n}" for n in "ab"}
    for n in "ab":
        folders[n].mkdir()
        (folders[n] / ".stfolder").mkdir()
    ids = {n: generate(homes[n]) for n in "ab"}
    ports = {n: free_port() for n in "ab"}
    guis = {n: free_port() for n in "ab"}
    keys = {n: configure(homes[n], ids[n], ids[o], folders[n], ports[n], ports[o], guis[n])
            for n, o in (("a", "b"), ("b", "a"))}
    procs = {}
    try:
        for n in "ab":
            log = open(tmp_path / f"syncthing-{n}.log", "wb")
            procs[n] = subprocess.Popen(
                ["syncthing", "serve", f"--home={homes[n]}", "--no-browser", "--no-restart", "--no-upgrade"],
                stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "STNODEFAULTFOLDER": "1"})
        wait_for("the two instances to connect", lambda: connected(guis["a"], keys["a"], ids["b"]))

        os.environ["KIZUNA_DEVICE"] = "DESK"
        Store(folders["a"] / "kizuna.json").add(Contact(name="Tanaka"))
        wait_for("the person to reach the laptop",
                 lambda: (folders["b"] / "kizuna-devices" / "DESK.json").exists()
                 and bool(Store(folders["b"] / "kizuna.json").contacts()))

        for p in procs.values():  # both offline
            p.send_signal(signal.SIGSTOP)
        for i in range(3):
            assert kizuna(folders["a"], "DESK", "note", f"@Tanaka desk note {i}").returncode == 0
            assert kizuna(folders["b"], "LAPTOP", "note", f"@Tanaka laptop note {i}").returncode == 0
        for p in procs.values():
            p.send_signal(signal.SIGCONT)

        want = {f"{w} note {i}" for w in ("desk", "laptop") for i in range(3)}
        wait_for("both sides to hold all six notes",
                 lambda: want <= notes_seen(folders["a"], "DESK") and want <= notes_seen(folders["b"], "LAPTOP"),
                 timeout=120)
        for n, dev in (("a", "DESK"), ("b", "LAPTOP")):  # the command line shows them too, exit 0
            out = kizuna(folders[n], dev, "show", "Tanaka")
            assert out.returncode == 0, out.stderr
            assert all(w in out.stdout for w in ("desk note 2", "laptop note 2"))
    finally:
        for p in procs.values():
            try:
                p.send_signal(signal.SIGCONT)
                p.terminate()
                p.wait(timeout=20)
            except (OSError, subprocess.TimeoutExpired):
                p.kill()
