"""Starting the web archive as a user does, with scripts/run: a port already in use is one Swedish line."""

import socket
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_scripts_run_on_a_busy_port_says_so_in_one_line_before_building(tmp_path):
    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        done = subprocess.run([str(ROOT / "scripts" / "run"), "serve", "--port", str(port), "--index", str(tmp_path / "index")],
                              capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert done.stderr == (f"Porten {port} används redan av ett annat program. Välj en annan port med --port, "
                           f"till exempel: scripts/run serve --port {port + 1}\n")
    assert done.stdout == "" and not (tmp_path / "index").exists()  # said before any index was built
