"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // A kiosk receipt prints itself once (a receipt printer set as the default printer).
  var receipt = document.querySelector("[data-autoprint]");
  if (receipt && !sessionStorage.getItem("printed:" + location.pathname)) {
    sessionStorage.setItem("printed:" + location.pathname, "1");
    setTimeout(function () { window.print(); }, 300);
  }
  if (receipt) { setTimeout(function () { var back = document.getElementById("kiosk-back"); if (back) { location.href = back.href; } }, 30000); }

  function live(path, onState) {
    // EventSource reconnects by itself; each event is the whole current state, newest version wins.
    var version = -1;
    var source = new EventSource(path);
    source.addEventListener("queue", function (event) {
      var state = JSON.parse(event.data);
      if (state.version < version) { return; }
      version = state.version;
      onState(state);
    });
    return source;
  }
  function text(id, value) { var e = document.getElementById(id); if (e) { e.textContent = value; } }
  // Texts the page changes by itself, in the page's language: the page carries their translations
  // (#page-messages, keyed by the Japanese, as the message catalogs are); Japanese and English are here.
  var messages = {};
  try { messages = JSON.parse((document.getElementById("page-messages") || {}).textContent || "{}"); } catch (e) { messages = {}; }
  var japanese = document.documentElement.lang === "ja";
  function say(ja, en) {
    var said = messages[ja] || (japanese ? ja : en);
    for (var i = 2; i < arguments.length; i++) { said = said.split("{" + (i - 2) + "}").join(arguments[i]); }
    return said;
  }
  function waitText(seconds, open) {
    if (!open || seconds === null || seconds === undefined) { return say("ただいま開いている窓口がありません", "No counter is open now"); }
    if (seconds < 60) { return say("まもなく", "Very soon"); }
    var minutes = Math.ceil(seconds / 60 / 5) * 5;
    return say("約{0}分", "About {0} min", minutes);
  }
  function chime() {
    try {
      var audio = new (window.AudioContext || window.webkitAudioContext)();
      [880, 660].forEach(function (frequency, index) {
        var tone = audio.createOscillator(), gain = audio.createGain();
        tone.frequency.value = frequency;
        gain.gain.setValueAtTime(0.3, audio.currentTime + index * 0.4);
        gain.gain.exponentialRampToValueAtTime(0.001, audio.currentTime + index * 0.4 + 0.35);
        tone.connect(gain); gain.connect(audio.destination);
        tone.start(audio.currentTime + index * 0.4); tone.stop(audio.currentTime + index * 0.4 + 0.4);
      });
    } catch (e) { /* no sound on this device */ }
  }

  // The citizen's ticket page.
  var page = document.getElementById("ticket-page");
  if (page && page.dataset.live) {
    var lastState = (document.getElementById("ticket-state") || {}).dataset;
    var previous = lastState ? lastState.state : "";
    live(page.dataset.live, function (state) {
      var ticket = state.ticket;
      if (!ticket) { return; }
      text("ticket-number", ticket.label);
      var sectionName = say(ticket.sectionName, ticket.sectionNameEn), place = say(ticket.place, ticket.placeEn);
      text("ticket-section", say("{0}　{1}", "{0}, {1}", sectionName, place));
      text("ticket-position", ticket.position ? say("{0}番目", "No. {0}", ticket.position) : "—");
      text("ticket-wait", ticket.state === "waiting" ? waitText(ticket.waitSeconds, ticket.openCounters) : "—");
      var status = document.getElementById("ticket-state");
      var message = {
        waiting: say("お待ちください", "Please wait"),
        called: say("{0}番窓口へお越しください（{1} {2}）", "Please go to counter {0} ({1}, {2})", ticket.counter, place, sectionName),
        done: say("お手続きは終わりました", "Finished"),
        noShow: say("お呼びしましたがいらっしゃいませんでした。受付にお声がけください", "You were called but not there. Please ask at the reception"),
        transferred: say("次の課へご案内しています", "Sent on to the next section")
      }[ticket.state] || "";
      if (status) { status.textContent = message; status.dataset.state = ticket.state; }
      if (ticket.state === "called" && previous !== "called") {
        if (navigator.vibrate) { navigator.vibrate([400, 200, 400]); }
        chime();
      }
      previous = ticket.state;
    });
  }

  // The board: calls, waiting counts, a chime and (when turned on) the number read out.
  var board = document.getElementById("board");
  if (board && board.dataset.live) {
    var announced = {};
    document.querySelectorAll("#board-calls li").forEach(function (li) { announced[li.dataset.label] = li.dataset.at; });
    var speak = false;
    var soundButton = document.getElementById("board-sound");
    if (soundButton) {
      soundButton.hidden = false;
      soundButton.addEventListener("click", function () { speak = true; soundButton.hidden = true; chime(); });
    }
    live(board.dataset.live, function (state) {
      var calls = document.getElementById("board-calls");
      var fresh = [];
      calls.textContent = "";
      state.calls.slice(0, 8).forEach(function (call) {
        var li = document.createElement("li");
        li.dataset.label = call.label; li.dataset.at = String(call.announcedAt);
        [["board-number", call.label], ["board-arrow", "→"], ["board-counter", call.counter + "番窓口"], ["board-place", call.sectionName + "（" + call.place + "）"]]
          .forEach(function (part) { var span = document.createElement("span"); span.className = part[0]; span.textContent = part[1]; li.appendChild(span); });
        calls.appendChild(li);
        if (announced[call.label] !== String(call.announcedAt)) { fresh.push(call); }
        announced[call.label] = String(call.announcedAt);
      });
      var recent = document.getElementById("board-recent");
      recent.textContent = "";
      state.recent.slice(0, 6).forEach(function (call) { var li = document.createElement("li"); li.textContent = call.label + " → " + call.counter + "番窓口"; recent.appendChild(li); });
      state.sections.forEach(function (section) {
        var row = document.querySelector('#board-waiting tr[data-section="' + section.code + '"]');
        if (!row) { return; }
        row.children[1].textContent = section.waiting + "人";
        row.children[2].textContent = waitText(section.newTicketWaitSeconds, section.openCounters);
      });
      board.dataset.version = String(state.version);
      if (fresh.length) {
        chime();
        if (speak && window.speechSynthesis) {
          fresh.forEach(function (call) {
            var words = new SpeechSynthesisUtterance(call.label.split("").join(" ") + "番の方、" + call.counter + "番窓口へお越しください。");
            words.lang = "ja-JP";
            window.speechSynthesis.speak(words);
          });
        }
      }
    });
  }
});
