/// The only script of the citizen pages: it adds what a form cannot do. Every page works without it.
enum Script {
    static let js = #"""
    "use strict";
    document.addEventListener("DOMContentLoaded", function () {
      // Print buttons are hidden until the script can make them work.
      document.querySelectorAll("[data-print]").forEach(function (button) {
        button.hidden = false;
        button.addEventListener("click", function () { window.print(); });
      });
      // Move focus to the error summary so screen readers announce it.
      var summary = document.querySelector(".error-summary");
      if (summary) { summary.focus(); }
    });
    """#
}
