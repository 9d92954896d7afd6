"""A family of four moving in walks the procedure guide on a phone-sized window, in Japanese and in English."""
import re

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import submit


FAMILY = [
    # relation, sex, birth date as a citizen types it, insurance
    ("head", "female", "昭和61年7月14日", "national"),
    ("spouse", "male", "1984-05-10", "national"),
    ("child", "female", "H27.6.20", "national"),
    ("child", "male", "2018-11-03", "national"),
]

EXPECTED = ["juki.tennyu", "kokuho.kanyu", "jidoteate.nintei", "kodomo-iryo.shinsei", "gakko.tennyugaku", "inu.henko"]


def walk_move_in(browser, base_url, lang):
    query = "" if lang == "ja" else f"?lang={lang}"
    browser.get(base_url + "/guide" + query)
    submit(browser, browser.find_element(By.ID, "event-move-in"))
    Select(browser.find_element(By.ID, "people")).select_by_value("4")
    submit(browser, browser.find_element(By.ID, "next"))

    browser.find_element(By.ID, "eventDate").send_keys("2026-04-01")
    dogs = browser.find_element(By.ID, "dogs")
    dogs.clear()
    dogs.send_keys("1")
    for index, (relation, sex, born, insurance) in enumerate(FAMILY):
        Select(browser.find_element(By.ID, f"m{index}-relation")).select_by_value(relation)
        Select(browser.find_element(By.ID, f"m{index}-sex")).select_by_value(sex)
        browser.find_element(By.ID, f"m{index}-birthDate").send_keys(born)
        Select(browser.find_element(By.ID, f"m{index}-insurance")).select_by_value(insurance)
        assert browser.find_element(By.ID, f"m{index}-moving").is_selected()
    submit(browser, browser.find_element(By.ID, "show-procedures"))


def shown_codes(browser):
    return [item.get_attribute("data-code") for item in browser.find_elements(By.CSS_SELECTOR, "li.procedure")]


def test_family_of_four_moving_in_japanese(browser, base_url):
    walk_move_in(browser, base_url, "ja")
    assert browser.find_element(By.TAG_NAME, "h1").text == "必要な手続き"
    assert shown_codes(browser) == EXPECTED
    sections = [h.text for h in browser.find_elements(By.CSS_SELECTOR, "section.section h2")]
    assert sections == ["市民課", "保険年金課", "こども家庭課", "学校教育課", "環境課"]
    tennyu = browser.find_element(By.ID, "procedure-juki.tennyu").text
    assert "令和8年4月15日（水）2026-04-15" in tennyu
    assert "転出証明書" in tennyu
    school = browser.find_element(By.ID, "procedure-gakko.tennyugaku").text
    assert "3人目" in school and "4人目" in school
    # The print button is shown once the script runs.
    assert browser.find_element(By.CSS_SELECTOR, "[data-print]").is_displayed()


def test_family_of_four_moving_in_english(browser, base_url):
    walk_move_in(browser, base_url, "en")
    assert browser.find_element(By.TAG_NAME, "h1").text == "Your procedures"
    assert shown_codes(browser) == EXPECTED
    assert "Citizens Division" in browser.find_element(By.ID, "section-JUMIN").text
    assert "Deadline: Wed 2026-04-15" in browser.find_element(By.ID, "procedure-juki.tennyu").text


def test_a_wrong_date_is_explained_and_nothing_is_lost(browser, base_url):
    browser.get(base_url + "/guide/move-in?people=1")
    browser.find_element(By.ID, "eventDate").send_keys("2026-02-30")
    Select(browser.find_element(By.ID, "m0-sex")).select_by_value("female")
    browser.find_element(By.ID, "m0-birthDate").send_keys("1990-01-01")
    submit(browser, browser.find_element(By.ID, "show-procedures"))
    summary = browser.find_element(By.CSS_SELECTOR, ".error-summary")
    assert "正しい日付" in summary.text
    assert browser.switch_to.active_element == summary
    assert browser.find_element(By.ID, "m0-birthDate").get_attribute("value") == "1990-01-01"
    summary.find_element(By.TAG_NAME, "a").click()
    assert browser.current_url.endswith("#eventDate")


JAPANESE = re.compile("[\u3000-\u30ff\u3400-\u9fff\uff01-\uff60]+")


def visible_text_outside_language_switch(browser):
    return browser.execute_script("""
        const copy = document.body.cloneNode(true);
        copy.querySelectorAll("nav.languages, script").forEach(e => e.remove());
        return copy.innerText;""")


def test_family_of_four_moving_in_vietnamese(browser, base_url):
    browser.get(base_url + "/guide")
    browser.find_element(By.CSS_SELECTOR, 'nav.languages a[lang="vi"]').click()
    assert "lang=vi" in browser.current_url
    walk_move_in(browser, base_url, "vi")
    assert shown_codes(browser) == EXPECTED
    assert "Bảo hiểm Y tế Quốc dân" in browser.find_element(By.ID, "procedure-kokuho.kanyu").text
    assert "2026-04-15" in browser.find_element(By.ID, "procedure-juki.tennyu").text
    left = JAPANESE.findall(visible_text_outside_language_switch(browser))
    assert not left, left[:10]


def test_family_of_four_moving_in_easy_japanese(browser, base_url):
    walk_move_in(browser, base_url, "easy")
    assert shown_codes(browser) == EXPECTED
    rubies = browser.find_elements(By.CSS_SELECTOR, "main ruby")
    assert len(rubies) > 50
    readings = [rt.get_attribute("textContent") for rt in browser.find_elements(By.CSS_SELECTOR, "#procedure-kokuho\\.kanyu rt")]
    assert "こくみんけんこうほけん" in readings, readings
    # Every kanji on the page has its reading: outside ruby no kanji is left (a choice keeps its reading in brackets).
    bare = browser.execute_script("""
        const copy = document.querySelector("main").cloneNode(true);
        copy.querySelectorAll("ruby, script").forEach(e => e.remove());
        return copy.innerText;""")
    assert not re.findall("[\u3400-\u9fff]", bare), bare[:300]
