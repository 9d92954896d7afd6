"""The paper door as section staff use it: a blank 児童手当 claim downloaded, filled by hand (written in a font by
`madoguchi paper sample` with the blank's print job), scanned (rasterized to a 200 dpi JPEG by poppler), uploaded
at /paper, read in the background, checked from the keyboard — Enter accepts a doubtful field and goes to the next,
the kanji keyed as written — and made a Case that lands on the section's list with the scan attached."""
import os
import shutil
import subprocess
import tempfile
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from pages import download, sign_in, submit

WRITTEN = {
    "claimant.family": "佐藤", "claimant.given": "花子", "claimant.familyKana": "サトウ", "claimant.givenKana": "ハナコ",
    "claimant.birthDate": "H020315", "claimant.sex": "female", "claimant.insurance": "national",
    "address.postcode": "3294101", "address.town": "本町二丁目", "address.banchi": "3-12",
    "child.family": "佐藤", "child.given": "陽太", "child.familyKana": "サトウ", "child.givenKana": "ヨウタ",
    "child.birthDate": "R081120", "child.sex": "male",
}
# What staff key where the machine is not sure: kanji is never accepted unread.
KEYED = {"z-" + zone: text for zone, text in WRITTEN.items() if zone.endswith((".family", ".given", ".town", ".banchi"))}


def print_job(blank_pdf):
    """The print job in the QR code of a downloaded blank, read by zbarimg from the page rasterized at 200 dpi."""
    with tempfile.TemporaryDirectory() as folder:
        with open(os.path.join(folder, "blank.pdf"), "wb") as file:
            file.write(blank_pdf)
        subprocess.run(["pdftoppm", "-r", "200", "-gray", "-png", os.path.join(folder, "blank.pdf"), os.path.join(folder, "page")], check=True)
        page = [name for name in os.listdir(folder) if name.endswith(".png")][0]
        result = subprocess.run(["zbarimg", "--raw", "-q", os.path.join(folder, page)], capture_output=True, text=True)
    label = result.stdout.strip()
    assert label.startswith("MDGP:jidoteate-nintei:"), label
    return label.split(":")[-1]


def scanned(job):
    """That sheet filled by hand (written in a font) and scanned: a JPEG at 200 dpi, as a scanner's or a phone's."""
    binary = os.environ.get("MADOGUCHI_BIN", ".build/debug/madoguchi")
    catalog = os.environ.get("MADOGUCHI_CATALOG", "Catalog")
    folder = tempfile.mkdtemp(prefix="scan-")
    values = [argument for zone, text in WRITTEN.items() for argument in ("--value", f"{zone}={text}")]
    filled = os.path.join(folder, "filled.pdf")
    result = subprocess.run([binary, "paper", "sample", "jidoteate-nintei", "--job", job, "--out", filled, "--catalog", catalog, *values],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    subprocess.run(["pdftoppm", "-r", "200", "-gray", "-jpeg", "-jpegopt", "quality=75", "-singlefile", filled,
                    os.path.join(folder, "scan")], check=True)
    return os.path.join(folder, "scan.jpg")


def test_a_scanned_claim_is_checked_from_the_keyboard_and_lands_at_the_section(desk_browser, base_url, staff):
    driver = desk_browser
    sign_in(driver, base_url, staff["KODOMO"])
    driver.get(base_url + "/paper")
    # The blank as a citizen downloads it; its print job comes back on the scan.
    blank = download(driver, base_url + "/paper/forms/jidoteate-nintei.pdf")
    job = print_job(blank)
    path = scanned(job)
    try:
        driver.find_element(By.ID, "paper-files").send_keys(path)
        submit(driver, driver.find_element(By.ID, "paper-upload"))
    finally:
        shutil.rmtree(os.path.dirname(path))
    assert "受け付けました" in driver.find_element(By.ID, "paper-notice").text
    # Read in the background: the page appears among those to check.
    deadline = time.time() + 90
    while not driver.find_elements(By.CSS_SELECTOR, "#to-check a"):
        assert time.time() < deadline, "the scan was not read in time"
        time.sleep(1)
        driver.get(base_url + "/paper")
    links = [link for link in driver.find_elements(By.CSS_SELECTOR, "#to-check a")]
    submit(driver, links[-1])
    assert job in driver.find_element(By.ID, "paper-job").text, "the scan is known as that printing"
    zones = driver.find_elements(By.CSS_SELECTOR, ".paper-zone[data-check='1']")
    assert zones, "kanji zones at least are to check"
    assert driver.find_elements(By.CSS_SELECTOR, ".paper-zone img.cutout")
    # The first field to check has the focus; each Enter accepts one and moves to the next; Tab is never needed.
    first = zones[0].find_element(By.CSS_SELECTOR, "input")
    assert driver.switch_to.active_element == first
    inputs = 0
    for _ in range(len(zones)):
        active = driver.switch_to.active_element
        name = active.get_attribute("name")
        if name in KEYED:
            active.clear()
            active.send_keys(KEYED[name])
            inputs += 1
        active.send_keys(Keys.ENTER)
    assert driver.switch_to.active_element.get_attribute("id") == "paper-accept"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".paper-zone.checked")) == len(zones)
    assert inputs == len(KEYED)
    page = driver.find_element(By.TAG_NAME, "html")
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    deadline = time.time() + 10
    while not driver.find_elements(By.ID, "paper-notice"):
        assert time.time() < deadline, driver.page_source[:3000]
        time.sleep(0.2)
    assert "担当課へ引き継ぎました" in driver.find_element(By.ID, "paper-notice").text
    # On the section's list: the claim for the child, the scan attached.
    driver.get(base_url + "/sections/KODOMO")
    claims = [item for item in driver.find_elements(By.CSS_SELECTOR, "#work-list li.procedure[data-code='jidoteate.nintei']")
              if "佐藤　陽太" in item.text]
    assert claims, driver.find_element(By.ID, "work-list").text
    assert "紙の申請書-jidoteate-nintei-1.png" in claims[-1].text
