"""Accessibility: axe-core (the copy that axe-selenium-python bundles) checks every citizen page on a phone, in
Japanese and in English, each with its disclosures open; a violation of any rule, on any page, fails."""
from urllib.parse import urlsplit

import pytest
from axe_selenium_python import Axe
from selenium.webdriver.common.by import By

from pages import FAMILY, prepare_move_in, submit, take_ticket, type_into


class Audit:
    """Runs axe on each page a walk reaches and keeps what it finds, by page."""

    def __init__(self, driver, base_url, lang):
        self.driver, self.base_url, self.lang = driver, base_url, lang
        self.pages = []
        self.violations = []

    def url(self, path):
        if self.lang == "ja":
            return self.base_url + path
        return self.base_url + path + ("&" if "?" in path else "?") + "lang=" + self.lang

    def open(self, path, name):
        self.driver.get(self.url(path))
        self.check(name)

    def check(self, name):
        """The page now shown: it must speak the walk's language, and axe must find nothing."""
        driver = self.driver
        # やさしい日本語 is Japanese to a screen reader.
        expected = "ja" if self.lang == "easy" else self.lang
        assert driver.execute_script("return document.documentElement.lang") == expected, (name, driver.current_url)
        # What a tap on a disclosure (a withdrawal, a cancellation) shows is checked too.
        driver.execute_script("document.querySelectorAll('details').forEach(function (d) { d.open = true; })")
        axe = Axe(driver)
        axe.inject()
        results = axe.run()
        self.pages.append(name)
        self.violations += [(name, driver.current_url, violation) for violation in results["violations"]]

    def report(self):
        lines = []
        for name, url, violation in self.violations:
            lines.append(f"{name} ({url}): {violation['id']} [{violation['impact']}] x{len(violation['nodes'])}: {violation['help']}")
            for node in violation["nodes"][:5]:
                lines.append(f"    {' '.join(node['target'])}: {node['failureSummary']!r}")
        return "\n".join(lines)


@pytest.mark.parametrize("lang", ["ja", "en", "easy", "vi"])
def test_every_citizen_page_passes_axe(browser, base_url, lang):
    phone = browser
    audit = Audit(phone, base_url, lang)

    # The guide, from the front page to the result; the form once with its error summary.
    audit.open("/", "front page")
    audit.open("/guide", "guide: life events")
    audit.open("/guide/move-in", "guide: number of people")
    phone.get(audit.url("/guide/move-in?people=1"))
    submit(phone, phone.find_element(By.ID, "show-procedures"))
    audit.check("guide form with errors")

    # Prepared online: the guide's form and result, the application's form, check and done pages.
    reference = prepare_move_in(phone, base_url, lang=lang, seen=audit.check)

    # The status: the form, a look-up that finds nothing, the result, the withdrawal.
    audit.open("/status", "status form")
    type_into(phone, "reference", reference)
    type_into(phone, "birthDate", "2000-01-01")
    submit(phone, phone.find_element(By.ID, "look-up"))
    audit.check("status: not found")
    type_into(phone, "reference", reference)
    type_into(phone, "birthDate", FAMILY[0][4])
    submit(phone, phone.find_element(By.ID, "look-up"))
    assert phone.find_element(By.ID, "status-procedures")
    audit.check("status result")
    submit(phone, phone.find_element(By.ID, "withdraw"))
    audit.check("status: withdrawn")

    # The queue: the kiosk, its receipt, the ticket's live page, the board. The ticket (and the booking below)
    # is at 税務課, whose line no other test calls, so that test_queue's first ticket is still called first.
    audit.open("/kiosk", "kiosk")
    audit.open("/kiosk?error=unknown", "kiosk with an error")
    _, ticket_url = take_ticket(phone, base_url, "kiosk-ZEIMU", lang)
    audit.check("kiosk receipt")
    audit.open(urlsplit(ticket_url).path, "ticket page")
    audit.open("/t/no-such-ticket", "ticket page: unknown ticket")
    audit.open("/display", "board")
    audit.open("/congestion", "congestion")

    # A booking: the sections, a section's times, the booking, its cancellation.
    audit.open("/reserve", "reservation: sections")
    audit.open("/reserve/ZEIMU", "reservation: times")
    phone.find_element(By.CSS_SELECTOR, 'input[name="slot"]:not([disabled])').click()
    submit(phone, phone.find_element(By.ID, "book"))
    audit.check("reservation: booking")
    submit(phone, phone.find_element(By.ID, "cancel-reservation"))
    audit.check("reservation: cancelled")

    # Error pages.
    audit.open("/guide/certificates", "certificates")
    audit.open("/certificates/online", "certificate by post: the form")
    phone.find_element(By.ID, "to-payment").click()
    audit.check("certificate by post: errors")
    audit.open("/no-such-page", "error: not found")
    audit.open("/guide/move-in?people=99", "error: bad request")

    print(f"\naxe-core: {len(audit.pages)} citizen pages in {lang}, {len(audit.violations)} violations")
    if audit.violations:
        pytest.fail(f"axe-core found violations in {lang}:\n" + audit.report(), pytrace=False)
