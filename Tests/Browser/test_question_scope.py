"""On a phone, the guide asks each person only what can concern them: a child's form has no long-term care,
public-servant or seal-registration questions once their birth date is typed; a woman of 44 is asked about
long-term care and pregnancy, her husband not about pregnancy."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from pages import type_into


def shown(browser, field):
    return browser.find_element(By.ID, field).is_displayed()


def test_questions_follow_age_sex_and_relation(browser, base_url):
    browser.get(base_url + "/guide/move-in?people=3")
    type_into(browser, "eventDate", "令和8年4月1日")
    for index, (sex, born) in enumerate([("female", "S56.7.14"), ("male", "1984-05-10"), ("male", "2023-06-20")]):
        Select(browser.find_element(By.ID, f"m{index}-sex")).select_by_value(sex)
        type_into(browser, f"m{index}-birthDate", born)
    assert shown(browser, "m0-careCertification") and shown(browser, "m0-pregnant")
    assert not shown(browser, "m1-pregnant"), "a man is not asked about pregnancy"
    assert not shown(browser, "m2-careCertification") and not shown(browser, "m2-publicServant")
    assert shown(browser, "m2-needsNursery"), "a two-year-old may need a nursery"
    assert not shown(browser, "m0-needsNursery")
