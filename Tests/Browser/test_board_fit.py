"""The board on a 1366×768 screen shows the calls, every section's waiting count and the recent calls without
scrolling (nobody scrolls a wall display)."""
from conftest import make_browser


def test_the_board_fits_a_1366_by_768_screen(base_url):
    driver = make_browser(1366, 768)
    try:
        # Make the page's own viewport 1366×768, whatever the browser's frame takes.
        driver.set_window_size(1366, 768 + (768 - driver.execute_script("return window.innerHeight")))
        driver.get(base_url + "/display")
        assert driver.execute_script("return window.innerHeight") == 768
        assert driver.execute_script("return document.documentElement.scrollHeight") <= 768
        assert driver.execute_script("return document.documentElement.scrollWidth") <= 1366
    finally:
        driver.quit()
