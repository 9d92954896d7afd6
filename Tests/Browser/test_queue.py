"""The queue (待たせない): a kiosk issues two tickets, a counter calls the first; the board and the first ticket's
page show the call live, the second ticket moves up; a transfer keeps its place in the other section's line."""
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import make_browser
from pages import sign_in, submit, take_ticket


def until(driver, check, seconds=5):
    WebDriverWait(driver, seconds, poll_frequency=0.1).until(lambda _: check())


def test_kiosk_counter_board_and_phones(browser, desk_browser, base_url, staff):
    desk = desk_browser
    first, first_url = take_ticket(desk, base_url, "kiosk-move-in")
    second, second_url = take_ticket(desk, base_url, "kiosk-JUMIN")
    letter, number = first.split("-")
    assert letter == "A" and second == f"A-{int(number) + 1:03d}", (first, second)
    assert second_url.startswith(base_url + "/t/")

    board = make_browser(1280, 800)
    try:
        board.get(base_url + "/display")
        phone = browser
        phone.get(first_url)
        assert phone.find_element(By.ID, "ticket-state").get_attribute("data-state") == "waiting"
        first_tab = phone.current_window_handle
        phone.switch_to.new_window("tab")
        phone.get(second_url)
        position_before = phone.find_element(By.ID, "ticket-position").text

        sign_in(desk, base_url, staff["counter"])
        desk.get(base_url + "/queue/desk/JUMIN/1")
        submit(desk, desk.find_element(By.ID, "desk-open"))
        submit(desk, desk.find_element(By.ID, "desk-call"))
        assert desk.find_element(By.ID, "desk-current").text == first

        # The board shows the call without reloading.
        until(board, lambda: first in board.find_element(By.ID, "board-calls").text)
        assert "1番窓口" in board.find_element(By.ID, "board-calls").text
        # The second phone moved up, live.
        until(phone, lambda: phone.find_element(By.ID, "ticket-position").text != position_before)
        ahead = int(position_before.rstrip("番目")) - int(phone.find_element(By.ID, "ticket-position").text.rstrip("番目"))
        assert ahead == 1, (position_before, phone.find_element(By.ID, "ticket-position").text)
        # The first phone says where to go.
        phone.switch_to.window(first_tab)
        until(phone, lambda: phone.find_element(By.ID, "ticket-state").get_attribute("data-state") == "called")
        assert "1番窓口" in phone.find_element(By.ID, "ticket-state").text

        # A visitor who went straight to 保険年金課 after the second ticket was issued...
        later, later_url = take_ticket(board, base_url, "kiosk-HOKEN_NENKIN")
        board.get(base_url + "/display")
        # ...stays behind the second visitor, whom 市民課 sends on to 保険年金課.
        submit(desk, desk.find_element(By.ID, "desk-call"))
        assert desk.find_element(By.ID, "desk-current").text == second
        Select(desk.find_element(By.ID, "desk-to")).select_by_value("HOKEN_NENKIN")
        submit(desk, desk.find_element(By.ID, "desk-transfer"))
        phone.switch_to.new_window("tab")
        phone.get(second_url)
        assert "保険年金課" in phone.find_element(By.ID, "ticket-section").text
        assert phone.find_element(By.ID, "ticket-position").text == "1番目"
        phone.get(later_url)
        assert phone.find_element(By.ID, "ticket-number").text == later
        assert phone.find_element(By.ID, "ticket-position").text == "2番目"
    finally:
        board.quit()
