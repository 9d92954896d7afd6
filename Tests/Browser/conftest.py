"""Browser tests: a real headless Chromium against a running Madoguchi (MADOGUCHI_URL).

Staff accounts are created with the real command line (`madoguchi user add`) on the server's data
directory: MADOGUCHI_BIN and MADOGUCHI_DATA name them (as .ci/run sets them)."""
import os
import subprocess

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

STAFF_PASSWORD = "browser-test-password"
SECTIONS = ["JUMIN", "HOKEN_NENKIN", "KOUREI_KAIGO", "KODOMO", "HOIKU", "GAKKO", "SHOGAI", "ZEIMU", "KANKYO", "BOSHI"]


@pytest.fixture(scope="session")
def base_url():
    return os.environ.get("MADOGUCHI_URL", "http://127.0.0.1:8080").rstrip("/")


@pytest.fixture(scope="session")
def staff():
    """Creates the counter clerk and one user per section once; returns their names."""
    binary = os.environ.get("MADOGUCHI_BIN", ".build/debug/madoguchi")
    data = os.environ.get("MADOGUCHI_DATA", "data")
    catalog = os.environ.get("MADOGUCHI_CATALOG", "Catalog")
    accounts = {"counter": ("counter1", ["--role", "counter"])}
    for section in SECTIONS:
        accounts[section] = ("s-" + section.lower().replace("_", "-"), ["--role", "section", "--section", section])
    for name, arguments in accounts.values():
        result = subprocess.run([binary, "user", "add", name, *arguments, "--data", data, "--catalog", catalog],
                                input=STAFF_PASSWORD + "\n", capture_output=True, text=True)
        assert result.returncode == 0 or "taken" in result.stderr, result.stderr
    return {key: name for key, (name, _) in accounts.items()}


def make_browser(width=412, height=915):
    options = webdriver.ChromeOptions()
    options.binary_location = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", f"--window-size={width},{height}", "--lang=ja"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")), options=options)
    driver.implicitly_wait(3)
    return driver


@pytest.fixture
def browser():
    driver = make_browser()
    yield driver
    driver.quit()


@pytest.fixture
def desk_browser():
    """A counter desk's screen."""
    driver = make_browser(1280, 1000)
    yield driver
    driver.quit()
