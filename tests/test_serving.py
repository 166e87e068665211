"""`policyqa serve` as deployed for a team: a login, no uploaded file served back, nothing sent off the machine."""

from __future__ import annotations

import shutil
import socketserver
import threading
import uuid
from pathlib import Path

import httpx
import pytest
from conftest import reply_text, running_server, user_env
from gradio.utils import get_upload_folder

from chatbot.ui import ALL, EXAMPLES

pytestmark = pytest.mark.slow

USER, PASSWORD = "county", "s3cret:with-colon"
SECRET = "测试县内部文件：本年度保密经费为4321万元。"


class _Recorder(socketserver.ThreadingTCPServer):
    """An HTTP proxy that forwards nothing: it records the first line of every request it is sent."""

    daemon_threads = True

    def __init__(self) -> None:
        self.requests: list[str] = []

        class Handler(socketserver.StreamRequestHandler):
            def handle(inner) -> None:  # noqa: N805 - the handler's own self
                self.requests.append(inner.rfile.readline(4096).decode("latin-1").strip())
                inner.wfile.write(b"HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n")

        super().__init__(("127.0.0.1", 0), Handler)


@pytest.fixture(scope="module")
def proxy():
    recorder = _Recorder()
    threading.Thread(target=recorder.serve_forever, daemon=True).start()
    yield recorder
    recorder.shutdown()


@pytest.fixture(scope="module")
def server(built_index, tmp_path_factory, proxy):
    """A login-protected server on a copy of the test index, behind a proxy that records any outside request.

    Many office networks route outside traffic through such a proxy; setting it changes nothing the
    product does, it only makes every attempt to reach another machine visible.
    """
    home = tmp_path_factory.mktemp("serve-auth")
    shutil.copytree(built_index[1].home, home, dirs_exist_ok=True)
    address = f"http://127.0.0.1:{proxy.server_address[1]}"
    proxies = {name: address for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy")}
    env = user_env(**proxies, NO_PROXY="127.0.0.1,localhost", no_proxy="127.0.0.1,localhost")
    with running_server(home, env=env, POLICYQA_AUTH=f"{USER}:{PASSWORD}") as url:
        yield url, home


@pytest.fixture
def session(server):
    """An HTTP session logged in through Gradio's login form, as the browser does."""
    with httpx.Client(base_url=server[0], timeout=30) as http:
        assert http.post("login", data={"username": USER, "password": PASSWORD}).status_code == 200
        yield http


def test_the_app_answers_only_after_login(server):
    from gradio_client import Client

    assert httpx.get(f"{server[0]}config", timeout=30).status_code == 401
    with httpx.Client(base_url=server[0], timeout=30) as http:
        assert http.post("login", data={"username": USER, "password": "wrong"}).status_code == 400
    client = Client(server[0], auth=(USER, PASSWORD), verbose=False)
    chat, sources, _ = client.predict(EXAMPLES[0], [], ALL, ALL, api_name="/ask")
    assert "2025: 60" in reply_text(chat) and "专栏2 · 常住人口城镇化率" in sources


def test_an_uploaded_file_is_never_served_back_by_path(server, session, tmp_path):
    from gradio_client import Client, handle_file

    uploaded = session.post("gradio_api/upload", files={"files": ("内部.txt", SECRET.encode("utf-8"))})
    assert uploaded.status_code == 200, uploaded.text
    (path,) = uploaded.json()
    for route in (f"gradio_api/file={path}", f"file={path}"):
        response = session.get(route)
        assert response.status_code in (403, 404), (route, response.status_code)
        assert "4321" not in response.text

    doc = tmp_path / "保密规划.txt"
    doc.write_text("测试县保密工作规划\n一、经费\n" + SECRET + "\n", encoding="utf-8")
    client = Client(server[0], auth=(USER, PASSWORD), verbose=False)
    report = client.predict([handle_file(str(doc))], ALL, ALL, api_name="/add_files")[0]
    assert "已添加 保密规划.txt" in report
    stored = server[1] / "documents" / "保密规划.txt"
    assert stored.is_file()
    response = session.get(f"gradio_api/file={stored}")
    assert response.status_code in (403, 404) and "4321" not in response.text
    client.predict("保密规划.txt", ALL, ALL, api_name="/remove_file")


def test_an_upload_leaves_no_copy_in_gradios_cache(server, tmp_path):
    from gradio_client import Client, handle_file

    run = uuid.uuid4().hex  # Gradio names an upload's folder by its content: this run's copy, no earlier one
    doc = tmp_path / "临时文件.txt"
    doc.write_text(f"测试县临时方案\n一、目标\n到2025年建成样板路12条。\n编号{run}\n", encoding="utf-8")
    client = Client(server[0], auth=(USER, PASSWORD), verbose=False)
    report = client.predict([handle_file(str(doc))], ALL, ALL, api_name="/add_files")[0]
    assert "已添加 临时文件.txt" in report
    cached = Path(get_upload_folder()).rglob("临时文件.txt")  # the server's cache: same temp dir
    assert [p for p in cached if run in p.read_text(encoding="utf-8")] == []
    client.predict("临时文件.txt", ALL, ALL, api_name="/remove_file")


def test_nothing_is_sent_off_the_machine(server, proxy):
    from gradio_client import Client

    Client(server[0], auth=(USER, PASSWORD), verbose=False).predict(EXAMPLES[1], [], ALL, ALL, api_name="/ask")
    assert proxy.requests == []
