"""End-to-end test of the web interface in a real headless browser.

Starts two real `liaison serve` nodes (Mumbai and Chennai) that sync with each other, then,
as an officer would in Chromium: signs in, creates a record with track fields, edits it,
makes a conflict between the two nodes, resolves it in the page, opens a report and finds
its chart, imports a spreadsheet through the Import page, and saves screenshots of the main
pages to docs/screenshots/. Then, as an office would set up its staff: an admin adds an editor,
the editor signs in with the one-time password, chooses their own, edits a record that then
credits them by name; the node restarts and the same browser, still signed in, saves another edit.
Last, an edit of a record holding line breaks writes only the field that was changed, and the
record page and its History show the lines.

Run: python3 -m pytest Tests/browser -q   (needs chromium, chromium-driver and selenium;
`make test` installs them). The binary is .build/debug/liaison (built if missing).
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
# Screenshots go to .build/screenshots; `make screenshots` sets LIAISON_SCREENSHOTS=docs/screenshots
# to refresh the ones the README shows, so an ordinary test run leaves the tree clean.
SHOTS = ROOT / os.environ.get("LIAISON_SCREENSHOTS", ".build/screenshots")


def liaison_binary():
    binary = ROOT / ".build" / "debug" / "liaison"
    if not binary.exists():
        subprocess.run(["swift", "build", "--product", "liaison"], cwd=ROOT, check=True)
    return binary


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Node:
    """One `liaison serve` process with its own data directory, an admin account and tokens."""

    PASSWORD = "an admin's long password"

    def __init__(self, binary, root, office, host):
        self.binary, self.office, self.host = binary, office, host
        self.data = root / office
        self.port = free_port()
        self.process = None
        self.run("init", "--office", office)
        self.admin = self.run("token", "create", "--role", "admin", "--name", f"{office}-officer")
        self.admin_user = f"{office}-admin"
        password_file = root / f"{office}.admin-password"
        password_file.write_text(self.PASSWORD + "\n")
        self.run("user", "add", self.admin_user, "--role", "admin", "--display-name", "Office admin",
                 "--password-file", str(password_file))
        self.peer_token = self.run("token", "create", "--role", "peer", "--name", "peers")
        self.peer_file = root / f"{office}.peer-token"
        self.peer_file.write_text(self.peer_token)

    @property
    def url(self):
        return f"http://{self.host}:{self.port}"

    def run(self, *args):
        done = subprocess.run([str(self.binary), *args, "--data", str(self.data)], capture_output=True, text=True)
        assert done.returncode == 0, f"liaison {' '.join(args)}: {done.stderr}"
        return done.stdout.strip()

    def start(self):
        env = dict(os.environ, LIAISON_SYNC_TIMEOUT="3")
        env.pop("LIAISON_DATA", None)
        self.process = subprocess.Popen(
            [str(self.binary), "serve", "--data", str(self.data), "--host", "127.0.0.1", "--port", str(self.port),
             "--sync-interval", "1", "--log-level", "warning"],
            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.process.stdout.readline()
            if "listening on" in line:
                return
            if not line and self.process.poll() is not None:
                break
        raise AssertionError(f"{self.office} node did not start")

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    def api(self, method, path, body=None, headers=None):
        request = urllib.request.Request(self.url + path, method=method, data=json.dumps(body).encode() if body else None)
        request.add_header("Authorization", f"Bearer {self.admin}")
        if body is not None:
            request.add_header("Content-Type", "application/json")
        for name, value in (headers or {}).items():
            request.add_header(name, value)
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read() or b"{}"), dict(response.headers)
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read() or b"{}"), dict(error.headers)


def wait_for(what, check, timeout=30):
    deadline = time.time() + timeout
    while time.time() < deadline:
        result = check()
        if result:
            return result
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture(scope="module")
def nodes():
    binary = liaison_binary()
    root = Path(tempfile.mkdtemp(prefix="liaison-browser-"))
    # Both on one host name: each node's session cookie carries its replica id, so signing in to
    # Chennai keeps the browser signed in to Mumbai (the workflow goes back to Mumbai after it).
    mumbai = Node(binary, root, "mumbai", "127.0.0.1")
    chennai = Node(binary, root, "chennai", "127.0.0.1")
    mumbai.run("peer", "add", "chennai", f"http://127.0.0.1:{chennai.port}", "--token-file", str(chennai.peer_file))
    chennai.run("peer", "add", "mumbai", f"http://127.0.0.1:{mumbai.port}", "--token-file", str(mumbai.peer_file))
    try:
        mumbai.start()
        chennai.start()
        yield mumbai, chennai
    finally:
        mumbai.stop()
        chennai.stop()
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def browser():
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    for argument in ["--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--window-size=1280,900",
                     "--lang=en-US", "--disable-gpu"]:
        options.add_argument(argument)
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium:
        options.binary_location = chromium
    driver_path = shutil.which("chromedriver") or "/usr/bin/chromedriver"
    driver = webdriver.Chrome(service=Service(driver_path), options=options)
    driver.implicitly_wait(2)
    try:
        yield driver
    finally:
        driver.quit()


def shot(driver, name, width=1280):
    """A full-page screenshot of the current page."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    driver.set_window_size(width, 900)
    time.sleep(0.2)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(width, min(max(height + 140, 600), 4000))
    time.sleep(0.2)
    driver.save_screenshot(str(SHOTS / f"{name}.png"))
    driver.set_window_size(1280, 900)


def follow(driver, element, timeout=20):
    """Clicks a link or submit button and waits until the next page has loaded.

    A click returns as soon as the browser has taken it, often before the old page is gone; on a
    busy machine, reading the page straight after it reads the old one. So the old page gets a
    mark, and the wait ends when a page without the mark has finished loading. While the page
    changes, the driver may answer with transient errors; the wait retries through them.
    """
    from selenium.common.exceptions import WebDriverException
    from selenium.webdriver.support.ui import WebDriverWait

    driver.execute_script("window.liaisonOldPage = true")
    element.click()
    WebDriverWait(driver, timeout, ignored_exceptions=(WebDriverException,)).until(
        lambda d: d.execute_script("return !window.liaisonOldPage && document.readyState === 'complete'"))


def sign_in(driver, node, user=None, password=None, lands_on="/records"):
    """Signs in on the sign-in page the node sends a signed-out browser to (as its admin by default)."""
    from selenium.webdriver.common.by import By

    driver.get(node.url + "/records")
    assert "/login" in driver.current_url
    driver.find_element(By.ID, "username").send_keys(user or node.admin_user)
    driver.find_element(By.ID, "password").send_keys(password or node.PASSWORD)
    follow(driver, driver.find_element(By.CSS_SELECTOR, "form[action='/login'] button"))
    assert driver.current_url.endswith(lands_on), driver.current_url


def sign_out(driver):
    from selenium.webdriver.common.by import By

    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Sign out']"))
    assert "You are signed out." in notice(driver)


def notice(driver):
    from selenium.webdriver.common.by import By

    return " ".join(e.text for e in driver.find_elements(By.CSS_SELECTOR, ".notice"))


def test_officer_workflow_across_two_offices(nodes, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    mumbai, chennai = nodes
    driver = browser

    # Sign in at Mumbai.
    driver.get(mumbai.url + "/login")
    shot(driver, "sign-in")
    sign_in(driver, mumbai)

    # Create a record with track fields; the track's section appears when its box is ticked.
    follow(driver, driver.find_element(By.LINK_TEXT, "New record"))
    section = driver.find_element(By.CSS_SELECTOR, "fieldset[data-track='critical_minerals']")
    assert not section.is_displayed()
    driver.find_element(By.ID, "f-title").send_keys("Lithium refining joint venture")
    Select(driver.find_element(By.ID, "f-type")).select_by_value("joint_venture")
    driver.find_element(By.ID, "f-tracks-critical_minerals").click()
    assert section.is_displayed()
    Select(driver.find_element(By.ID, "f-critical_minerals-mineral")).select_by_value("lithium")
    Select(driver.find_element(By.ID, "f-critical_minerals-stage")).select_by_value("processing_refining")
    driver.find_element(By.ID, "f-us_party").send_keys("Albemarle Corporation")
    driver.find_element(By.ID, "f-in_party").send_keys("Khanij Bidesh India Ltd")
    driver.find_element(By.ID, "f-value_usd").send_keys("2500000")
    driver.execute_script("document.getElementById('f-opened_on').value = '2026-03-02'")
    driver.find_element(By.ID, "f-officer").send_keys("Asha Rao")
    shot(driver, "record-form")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Create record']"))
    assert "The record was created." in notice(driver)
    record_id = driver.current_url.split("/records/")[1].split("?")[0]
    assert "Lithium" in driver.find_element(By.TAG_NAME, "dl").text

    # Edit it.
    follow(driver, driver.find_element(By.LINK_TEXT, "Edit"))
    Select(driver.find_element(By.ID, "f-status")).select_by_value("in_discussion")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Save changes']"))
    assert "Your changes were saved." in notice(driver)
    assert "In discussion" in driver.page_source

    # It reaches Chennai.
    wait_for("the record at Chennai", lambda: chennai.api("GET", f"/v1/records/{record_id}")[0] == 200
             and chennai.api("GET", f"/v1/records/{record_id}")[1]["fields"].get("status") == "in_discussion")

    # A conflict: Chennai edits the title in the page while Mumbai edits it through the API,
    # both from the same version.
    sign_in(driver, chennai)
    driver.get(f"{chennai.url}/records/{record_id}/edit")
    version = driver.find_element(By.NAME, "version").get_attribute("value")
    status, _, _ = mumbai.api("PATCH", f"/v1/records/{record_id}", {"title": "Lithium refining JV (Mumbai)"},
                              {"If-Match": f'"{version}"'})
    assert status == 200
    title = driver.find_element(By.ID, "f-title")
    title.clear()
    title.send_keys("Lithium refining JV (Chennai)")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Save changes']"))

    def conflicted_at_chennai():
        _, record, _ = chennai.api("GET", f"/v1/records/{record_id}")
        return "title" in record.get("conflicts", {})
    wait_for("the conflict at Chennai", conflicted_at_chennai)

    # Resolve it in the page: both values side by side, who and where; pick Mumbai's.
    driver.get(f"{chennai.url}/conflicts")
    shot(driver, "conflicts")
    follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Lithium refining JV"))
    page = driver.page_source
    assert "Lithium refining JV (Mumbai)" in page and "Lithium refining JV (Chennai)" in page
    assert "Edited at <strong>Mumbai</strong>" in page and "Edited at <strong>Chennai</strong>" in page
    shot(driver, "record-conflict")
    options = driver.find_elements(By.CSS_SELECTOR, "#c-title label.option")
    choice = next(o for o in options if "(Mumbai)" in o.text)
    choice.find_element(By.CSS_SELECTOR, "input[type=radio]").click()
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Save resolution']"))
    assert "The conflict was resolved." in notice(driver)

    def settled_at_mumbai():
        _, record, _ = mumbai.api("GET", f"/v1/records/{record_id}")
        return not record.get("conflicts") and record["fields"]["title"] == "Lithium refining JV (Mumbai)"
    wait_for("the resolution at Mumbai", settled_at_mumbai)

    # A report with its chart.
    driver.get(mumbai.url + "/reports")
    assert "/login" not in driver.current_url, "signing in to Chennai, on the same host, kept the Mumbai session"
    shot(driver, "reports")
    follow(driver, driver.find_element(By.PARTIAL_LINK_TEXT, "Critical"))
    charts = driver.find_elements(By.CSS_SELECTOR, "article.liaison-report svg")
    assert charts, "the report has no chart"
    links = [a.get_attribute("href") for a in driver.find_elements(By.CSS_SELECTOR, "a[download]")]
    assert any("format=csv" in link for link in links) and any("format=md" in link for link in links)
    shot(driver, "report")

    # A spreadsheet in through the Import page: choose the file, see the preview, confirm.
    sheet = Path(tempfile.mkdtemp(prefix="liaison-import-")) / "deals.csv"
    sheet.write_bytes("\ufeffDeal name;Type;Tracks;Status;Value USD\r\n"
                      "Rare earth magnets;Investment;Critical Minerals;In Discussion;\"$2,500,000\"\r\n"
                      "Fab tools;Trade Lead;semiconductors, sccp;Closed Won;12000\r\n".encode("utf-8"))
    driver.get(mumbai.url + "/records")
    follow(driver, driver.find_element(By.LINK_TEXT, "Import CSV"))
    driver.find_element(By.ID, "file").send_keys(str(sheet))
    wait_for("the chosen file in the text box", lambda: "Rare earth" in driver.find_element(By.ID, "csv").get_attribute("value"))
    # Sent as its bytes: the text box's line breaks would go as CRLF, rewriting multi-line values.
    assert driver.find_element(By.ID, "csv_bytes").get_attribute("value") == base64.b64encode(sheet.read_bytes()).decode()
    # ...and only so: the text box would send the file a second time.
    assert driver.find_element(By.ID, "csv").get_dom_attribute("name") is None
    driver.find_element(By.ID, "map").send_keys("Deal name=title")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Check the file']"))
    assert "will create 2 records" in notice(driver), notice(driver)
    assert "Rare earth magnets" in driver.find_element(By.CSS_SELECTOR, "table.list").text
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Import 2 records']"))
    assert "2 created" in notice(driver), notice(driver)
    # A file over the page's limit is refused when chosen, with the sizes and the way to import it.
    driver.get(mumbai.url + "/import")
    big = sheet.parent / "big.csv"
    big.write_bytes(b"title\r\n" + b"x" * 12_000_000 + b"\r\n")
    driver.find_element(By.ID, "file").send_keys(str(big))
    problem = driver.find_element(By.ID, "file-problem")
    wait_for("the file's problem", lambda: problem.is_displayed())
    assert "big.csv is 12.0 MB; this page takes files up to 11.2 MB" in problem.text, problem.text
    assert driver.find_element(By.ID, "csv").get_attribute("value") == ""
    shutil.rmtree(sheet.parent)

    # The list, the record, sync status (admins may sync now) and the list on a phone.
    driver.get(mumbai.url + "/records")
    assert "Lithium refining JV (Mumbai)" in driver.page_source
    shot(driver, "records")
    driver.get(f"{mumbai.url}/records/{record_id}")
    shot(driver, "record")
    driver.get(mumbai.url + "/sync")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Sync now']"))
    assert "Synced with every peer" in notice(driver)
    shot(driver, "sync")
    driver.get(mumbai.url + "/records")
    shot(driver, "records-phone", width=390)


def test_admin_adds_an_editor_who_edits_and_stays_signed_in_across_a_restart(nodes, browser):
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    mumbai, _ = nodes
    driver = browser
    status, created, _ = mumbai.api("POST", "/v1/records", {
        "title": "Semiconductor packaging plant", "type": "investment", "tracks": ["semiconductors"]})
    assert status == 201
    record_id = created["id"]

    # The admin adds an editor from the admin page and reads the one-time password it shows.
    driver.get(mumbai.url + "/records")
    if "/login" not in driver.current_url:
        sign_out(driver)
    sign_in(driver, mumbai)
    follow(driver, driver.find_element(By.LINK_TEXT, "Admin"))
    driver.find_element(By.ID, "new-name").send_keys("priya")
    driver.find_element(By.ID, "new-display").send_keys("Priya Nair")
    Select(driver.find_element(By.ID, "new-role")).select_by_value("editor")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Add user']"))
    assert "priya was added as editor." in notice(driver)
    one_time = driver.find_element(By.CSS_SELECTOR, "code.one-time-password[data-user='priya']").text
    assert len(one_time) == 20
    shot(driver, "admin-users")
    sign_out(driver)

    # The editor signs in with it and must choose her own password first.
    # The sign-in spent the one-time password, so the form does not ask for it.
    sign_in(driver, mumbai, "priya", one_time, lands_on="/account/password")
    assert not driver.find_elements(By.ID, "current")
    driver.find_element(By.ID, "new").send_keys("priya's own long password")
    driver.find_element(By.ID, "confirm").send_keys("priya's own long password")
    follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Change password']"))
    assert "Your password was changed." in notice(driver)
    assert "Priya Nair" in driver.find_element(By.CSS_SELECTOR, ".who").text
    assert not driver.find_elements(By.LINK_TEXT, "Admin"), "editors see no admin pages"

    def edit_title(title):
        driver.get(f"{mumbai.url}/records/{record_id}/edit")
        assert "/login" not in driver.current_url, "signed out"
        field = driver.find_element(By.ID, "f-title")
        field.clear()
        field.send_keys(title)
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Save changes']"))
        assert "Your changes were saved." in notice(driver)
        assert title in driver.page_source
        assert "<strong><bdi>priya</bdi></strong>" in driver.page_source, "the history credits the editor by name"

    edit_title("Semiconductor packaging plant (Pune site)")
    _, record, _ = mumbai.api("GET", f"/v1/records/{record_id}")
    assert record["fields"]["title"] == "Semiconductor packaging plant (Pune site)"

    # The node restarts; the same browser is still signed in and saves an edit.
    mumbai.stop()
    mumbai.start()
    edit_title("Semiconductor packaging plant (Dholera site)")
    assert "Priya Nair" in driver.find_element(By.CSS_SELECTOR, ".who").text


def test_an_edit_writes_only_what_was_changed_and_keeps_line_breaks(nodes, browser):
    """A title and a party name holding line breaks (a spreadsheet cell with Alt+Enter) and notes
    of several lines: changing only the status writes only the status, though Chromium drops
    line breaks from one-line inputs and sends a text area's as CRLF; typed notes are stored with
    LF; the record page shows the notes' lines."""
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select

    mumbai, _ = nodes
    driver = browser
    fields = {"title": "Tata Electronics\nDholera fab", "us_party": "Micron\nTechnology", "notes": "Line A\nLine B"}
    status, created, _ = mumbai.api("POST", "/v1/records", {**fields, "type": "investment", "tracks": ["semiconductors"]})
    assert status == 201
    record_id = created["id"]
    driver.get(mumbai.url + "/records")
    if "/login" in driver.current_url:
        sign_in(driver, mumbai)

    def save():
        follow(driver, driver.find_element(By.XPATH, "//button[normalize-space()='Save changes']"))
        assert "Your changes were saved." in notice(driver), notice(driver)

    driver.get(f"{mumbai.url}/records/{record_id}/edit")
    title = driver.find_element(By.ID, "f-title")
    assert title.tag_name == "textarea" and title.get_attribute("value") == fields["title"]
    Select(driver.find_element(By.ID, "f-status")).select_by_value("contacted")
    save()
    _, record, _ = mumbai.api("GET", f"/v1/records/{record_id}")
    assert {name: record["fields"][name] for name in fields} == fields
    _, history, _ = mumbai.api("GET", f"/v1/records/{record_id}/history")
    assert set(history["history"][0]["fields"]) - {"deleted"} == {"status"}, history["history"][0]

    notes = driver.find_element(By.XPATH, "//dt[normalize-space()='Notes']/following-sibling::dd[1]")
    assert notes.text == "Line A\nLine B"

    driver.get(f"{mumbai.url}/records/{record_id}/edit")
    driver.find_element(By.ID, "f-notes").send_keys("\nLine C")
    save()
    _, record, _ = mumbai.api("GET", f"/v1/records/{record_id}")
    assert record["fields"]["notes"] == "Line A\nLine B\nLine C"
    assert record["fields"]["title"] == fields["title"]

    # The History shows the notes' lines too, and no stray line breaks around the older value's Restore button.
    changes = driver.find_elements(By.XPATH, "//ol[@class='history']//li[strong[normalize-space()='Notes']]")
    assert [v.text for v in changes[0].find_elements(By.CSS_SELECTOR, ".value")] == ["Line A\nLine B", "Line A\nLine B\nLine C"]
    assert changes[0].text == "Notes: Line A\nLine B → Line A\nLine B\nLine C", changes[0].text
    assert changes[-1].text == "Notes: Line A\nLine B\nRestore this value", changes[-1].text
