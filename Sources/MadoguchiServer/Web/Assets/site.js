"use strict";
document.addEventListener("DOMContentLoaded", function () {
  // Print buttons are hidden until the script can make them work.
  document.querySelectorAll("[data-print]").forEach(function (button) {
    button.hidden = false;
    button.addEventListener("click", function () { window.print(); });
  });
  // The counter counts what staff type and click on a Case: a product figure (書かない窓口).
  document.querySelectorAll("form[data-count-inputs]").forEach(function (form) {
    var count = 0;
    var field = form.querySelector("#staffInputs");
    document.addEventListener("keydown", function (event) {
      if (["Shift", "Control", "Alt", "Meta"].indexOf(event.key) < 0) { count += 1; }
    }, true);
    document.addEventListener("click", function (event) {
      if (event.target.closest("input, select, button, a, label")) { count += 1; }
    }, true);
    document.querySelectorAll("form").forEach(function (any) {
      any.addEventListener("submit", function () {
        var target = any.querySelector("input[name=staffInputs]") || field;
        if (target) { target.value = String(count); }
      });
    });
    // Furigana: hiragana typed is shown as katakana at once (the server converts it too).
    form.querySelectorAll("input[id$=Kana]").forEach(function (input) {
      input.addEventListener("input", function () {
        var converted = input.value.replace(/[\u3041-\u3096]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) + 0x60); });
        if (converted !== input.value) { input.value = converted; }
        input.setAttribute("aria-invalid", /^[\u30A1-\u30FA\u30FC\u30FB\s\u3000]*$/.test(converted) ? "false" : "true");
      });
    });
    // One family name, one reading: a family name's katakana fills the empty reading of everyone else with the
    // same family name (staff see it and can change it), so a family's reading is typed once.
    form.querySelectorAll("input[id$=-familyKana]").forEach(function (input) {
      var person = input.id.slice(0, input.id.indexOf("-"));
      input.addEventListener("change", function () {
        var family = form.querySelector("#" + person + "-family");
        if (!family || !family.value || !input.value) { return; }
        form.querySelectorAll("input[id$=-familyKana]").forEach(function (other) {
          var otherFamily = form.querySelector("#" + other.id.replace("-familyKana", "-family"));
          if (other !== input && otherFamily && otherFamily.value === family.value && (!other.value || other.dataset.copied === "yes")) {
            other.value = input.value;
            other.dataset.copied = "yes";
          }
        });
      });
    });
    // A reading offered for a name (the dictionary's, asked of the person): one click fills both フリガナ fields;
    // the family name's reading then goes to the others of the same family name as if typed.
    form.querySelectorAll("button[data-given-kana]").forEach(function (button) {
      button.addEventListener("click", function () {
        [["familyKana", button.dataset.familyKana], ["givenKana", button.dataset.givenKana]].forEach(function (pair) {
          var input = form.querySelector("#" + button.dataset.person + "-" + pair[0]);
          if (!input) { return; }
          input.value = pair[1];
          delete input.dataset.copied;
          input.closest(".field").classList.add("changed");
          input.dispatchEvent(new Event("change"));
        });
      });
    });
    // What a household usually answers alike (data-family: the health insurance): the first person's answer
    // is offered to everyone not answered yet, marked as filled so that staff check it.
    form.querySelectorAll("select[data-family][id^=m0-]").forEach(function (first) {
      var question = first.id.slice(3);
      first.addEventListener("change", function () {
        var chosen = first.options[first.selectedIndex];
        var offered = chosen && chosen.value ? (chosen.dataset.others || chosen.value) : "";
        form.querySelectorAll("select[data-family][id$=-" + question + "]").forEach(function (other) {
          var untouched = other.selectedIndex < 0 || other.options[other.selectedIndex].defaultSelected;
          var unanswered = other.value === "" || (untouched && other.value === first.dataset.family);
          if (other === first || !(unanswered || other.dataset.copied === "yes")) { return; }
          other.value = offered;
          other.dataset.copied = offered ? "yes" : "";
          other.closest(".field").classList.toggle("changed", !!offered);
        });
      });
      form.querySelectorAll("select[data-family][id$=-" + question + "]").forEach(function (other) {
        if (other !== first) { other.addEventListener("change", function () { delete other.dataset.copied; }); }
      });
    });
  });
  // A barcode scanner "types" the QR code's URL and Enter into whichever field has the focus. On the
  // counter's pages that opens the pre-applied Case, and the field keeps what it held before the scan.
  if (location.pathname.indexOf("/counter") === 0) {
    // Whether the Case form holds typing not yet saved (the scanned text is removed before this is asked).
    var unsaved = function () {
      var form = document.getElementById("case-form");
      return !!form && Array.prototype.some.call(form.elements, function (e) {
        if (e.type === "checkbox" || e.type === "radio") { return e.checked !== e.defaultChecked; }
        if (e.tagName === "SELECT") {
          // A select with no option marked selected shows its first: that is its untouched state.
          var initial = Array.prototype.findIndex.call(e.options, function (o) { return o.defaultSelected; });
          return e.selectedIndex !== (initial < 0 ? 0 : initial);
        }
        return (e.tagName === "INPUT" || e.tagName === "TEXTAREA") && e.type !== "hidden" && e.value !== e.defaultValue;
      });
    };
    document.addEventListener("keydown", function (event) {
      var field = event.target;
      if (event.key !== "Enter" || !field || field.tagName !== "INPUT") { return; }
      var scanned = /https?:\/\/\S*\/c\/([2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4})$/i.exec(field.value);
      if (!scanned) { return; }
      event.preventDefault();
      field.value = field.value.slice(0, scanned.index);
      if (unsaved() && !window.confirm("保存していない入力があります。破棄して、読み取った案件を開きますか？")) { return; }
      window.location.href = "/counter/open?ref=" + encodeURIComponent(scanned[1].toUpperCase());
    }, true);
    // With the focus on no field (a button, the page), a scan's characters still arrive as key presses:
    // collected while they come scanner-fast, and Enter opens the Case as above.
    var typed = "", lastKey = 0;
    document.addEventListener("keydown", function (event) {
      var target = event.target;
      if (target && (target.tagName === "INPUT" || target.tagName === "TEXTAREA" || target.tagName === "SELECT")) { return; }
      var now = Date.now();
      if (now - lastKey > 100) { typed = ""; }
      lastKey = now;
      if (event.key === "Enter") {
        var scanned = /https?:\/\/\S*\/c\/([2-9A-HJ-NP-Z]{4}-?[2-9A-HJ-NP-Z]{4})$/i.exec(typed);
        typed = "";
        if (!scanned) { return; }
        event.preventDefault();
        if (unsaved() && !window.confirm("保存していない入力があります。破棄して、読み取った案件を開きますか？")) { return; }
        window.location.href = "/counter/open?ref=" + encodeURIComponent(scanned[1].toUpperCase());
      } else if (event.key.length === 1) {
        typed += event.key;
      }
    }, true);
  }
  // Questions that cannot concern a person (catalog `asks`: ages, sex, relations) are hidden for them as
  // their relation, sex and birth date are typed; the server ignores such answers in any case.
  var eras = { "明治": 1867, "大正": 1911, "昭和": 1925, "平成": 1988, "令和": 2018, M: 1867, T: 1911, S: 1925, H: 1988, R: 2018 };
  var readDate = function (text) {
    if (!text) { return null; }
    text = text.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); }).trim();
    var m = /^(\d{4})[-\/.](\d{1,2})[-\/.](\d{1,2})$/.exec(text) || /^(\d{4})年(\d{1,2})月(\d{1,2})日$/.exec(text);
    if (m) { return [+m[1], +m[2], +m[3]]; }
    m = /^(明治|大正|昭和|平成|令和|[MTSHR])\s*(元|\d{1,2})[年.\/-](\d{1,2})[月.\/-](\d{1,2})日?$/i.exec(text);
    if (m) { return [(eras[m[1]] || eras[m[1].toUpperCase()]) + (m[2] === "元" ? 1 : +m[2]), +m[3], +m[4]]; }
    return null;
  };
  var legalAge = function (born, on) {
    // The age is reached on the day before the birthday (年齢計算ニ関スル法律).
    var next = new Date(Date.UTC(on[0], on[1] - 1, on[2] + 1));
    var age = next.getUTCFullYear() - born[0];
    if (next.getUTCMonth() + 1 < born[1] || (next.getUTCMonth() + 1 === born[1] && next.getUTCDate() < born[2])) { age -= 1; }
    return age;
  };
  var scoped = document.querySelectorAll(".scoped");
  if (scoped.length) {
    var value = function (id) { var e = document.getElementById(id); return e ? e.value : ""; };
    var refresh = function () {
      var on = readDate(value("eventDate"));
      scoped.forEach(function (box) {
        var input = box.querySelector("[id^=m]");
        var person = input && /^m\d+-/.exec(input.id);
        if (!person) { return; }
        var p = person[0], show = true;
        var sex = value(p + "sex"), relation = value(p + "relation"), born = readDate(value(p + "birthDate"));
        if (box.dataset.sex && sex && sex !== box.dataset.sex) { show = false; }
        if (box.dataset.relations && relation && box.dataset.relations.split(" ").indexOf(relation) < 0) { show = false; }
        if (box.dataset.ages && born && on) {
          var range = box.dataset.ages.split("-"), age = legalAge(born, on);
          if (range[0] !== "" && age < +range[0]) { show = false; }
          if (range[1] !== "" && age > +range[1]) { show = false; }
        }
        box.hidden = !show;
      });
    };
    document.addEventListener("input", refresh);
    document.addEventListener("change", refresh);
    refresh();
  }
  // Typing survives an expired session or a lost connection: a form marked data-keep-typing keeps what
  // was sent in this tab's session storage until the page comes back saved, and offers it back otherwise.
  // The 個人番号 is never kept.
  document.querySelectorAll("form[data-keep-typing]").forEach(function (form) {
    if (!window.sessionStorage) { return; }
    var key = "madoguchi:typing:" + location.pathname;
    var collect = function () {
      var values = {};
      Array.prototype.forEach.call(form.elements, function (e) {
        if (!e.name || /myNumber/.test(e.name) || e.type === "file" || e.type === "submit" || e.type === "button") { return; }
        if (e.type === "hidden" && e.name !== "people") { return; }
        if (e.type === "checkbox" || e.type === "radio") { if (e.checked) { values[e.name] = e.value; } return; }
        values[e.name] = e.value;
      });
      return values;
    };
    if (/[?&](notice=saved|notice=added|saved=1)/.test(location.search)) { sessionStorage.removeItem(key); }
    form.addEventListener("submit", function () {
      try { sessionStorage.setItem(key, JSON.stringify({ at: Date.now(), values: collect() })); } catch (e) { /* full: nothing kept */ }
    });
    var kept = null;
    try { kept = JSON.parse(sessionStorage.getItem(key) || "null"); } catch (e) { kept = null; }
    if (!kept || Date.now() - kept.at > 12 * 3600 * 1000) { return; }
    var now = collect();
    var differs = Object.keys(kept.values).some(function (name) { return (now[name] || "") !== kept.values[name]; });
    if (!differs) { return; }
    var english = document.documentElement.lang === "en";
    var banner = document.createElement("div");
    banner.className = "notice keep-typing";
    banner.setAttribute("role", "status");
    banner.id = "kept-typing";
    var text = document.createElement("p");
    text.textContent = english ? "What you typed last time was not saved." : "前回の入力が保存されていません。";
    var restore = document.createElement("button");
    restore.type = "button"; restore.id = "restore-typing";
    restore.textContent = english ? "Put it back" : "入力を戻す";
    var discard = document.createElement("button");
    discard.type = "button"; discard.className = "secondary";
    discard.textContent = english ? "Discard" : "破棄する";
    restore.addEventListener("click", function () {
      Array.prototype.forEach.call(form.elements, function (e) {
        if (!e.name || !(e.name in kept.values) && e.type !== "checkbox") { return; }
        if (e.type === "checkbox" || e.type === "radio") { e.checked = kept.values[e.name] === e.value; return; }
        if (e.type !== "hidden" && e.type !== "file") { e.value = kept.values[e.name]; }
      });
      banner.remove();
    });
    discard.addEventListener("click", function () { sessionStorage.removeItem(key); banner.remove(); });
    banner.appendChild(text); banner.appendChild(restore); banner.appendChild(discard);
    form.parentNode.insertBefore(banner, form);
  });
  // The signature pad: pointer events on a canvas, strokes sent as points in 0…1 of the box.
  var pad = document.getElementById("signature-pad");
  if (pad) {
    var context = pad.getContext("2d");
    var strokes = [], current = null;
    context.lineWidth = 4; context.lineCap = "round"; context.lineJoin = "round"; context.strokeStyle = "#1a1a1a";
    var point = function (event) {
      var box = pad.getBoundingClientRect();
      return { x: Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)),
               y: Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)) };
    };
    pad.addEventListener("pointerdown", function (event) {
      pad.setPointerCapture(event.pointerId);
      current = [point(event)]; strokes.push(current);
    });
    pad.addEventListener("pointermove", function (event) {
      if (!current) { return; }
      var last = current[current.length - 1], next = point(event);
      current.push(next);
      context.beginPath();
      context.moveTo(last.x * pad.width, last.y * pad.height);
      context.lineTo(next.x * pad.width, next.y * pad.height);
      context.stroke();
    });
    var end = function () { current = null; };
    pad.addEventListener("pointerup", end);
    pad.addEventListener("pointercancel", end);
    document.getElementById("clear-signature").addEventListener("click", function () {
      strokes = []; context.clearRect(0, 0, pad.width, pad.height);
    });
    document.getElementById("signature-form").addEventListener("submit", function (event) {
      if (!strokes.some(function (s) { return s.length > 1; })) { event.preventDefault(); pad.focus(); return; }
      document.getElementById("strokes").value = JSON.stringify(strokes);
    });
  }
  // Move focus to the error summary so screen readers announce it.
  var summary = document.querySelector(".error-summary");
  if (summary) { summary.focus(); }
  // The Case screen's card reads: new reads from this staff member's card reader show up without a reload.
  document.querySelectorAll("#card-reads[data-reads]").forEach(function (panel) {
    var list = panel.querySelector("ul.card-reads");
    var people = parseInt(panel.dataset.people, 10) || 0;
    var en = panel.dataset.lang === "en";
    var shown = Array.prototype.map.call(list.children, function (item) { return item.dataset.read; }).join(",");
    function button(value, text, id) {
      var b = document.createElement("button");
      b.type = "submit"; b.name = "member"; b.value = value; b.id = id; b.textContent = text;
      b.className = value === "new" ? "small" : "small secondary";
      return b;
    }
    function draw(reads) {
      var ids = reads.map(function (read) { return read.id; }).join(",");
      if (ids === shown) { return; }
      shown = ids;
      list.textContent = "";
      reads.forEach(function (read) {
        var item = document.createElement("li");
        item.dataset.read = read.id;
        var name = document.createElement("span");
        name.className = "card-name"; name.textContent = read.name;
        var small = document.createElement("small");
        var birth = /^\d{8}$/.test(read.birthDate) ? read.birthDate.replace(/^(\d{4})(\d{2})(\d{2})$/, "$1-$2-$3") : read.birthDate;
        small.textContent = birth + "\u3000" + read.address;
        if (read.hasMyNumber) { small.textContent += en ? " (with My Number)" : "（個人番号あり）"; }
        var form = document.createElement("form");
        form.method = "post"; form.action = panel.dataset.apply + read.id; form.className = "inline card-apply";
        var csrf = document.createElement("input");
        csrf.type = "hidden"; csrf.name = "_csrf"; csrf.value = panel.dataset.csrf;
        form.appendChild(csrf);
        var short = read.id.toUpperCase().slice(0, 8);
        for (var person = 1; person <= people; person += 1) {
          form.appendChild(button(String(person), en ? "Into person " + person : person + "人目に入れる", "card-" + short + "-m" + person));
        }
        form.appendChild(button("new", en ? "Add as a new person" : "新しい人として追加", "card-" + short + "-new"));
        item.append(name, " ", small, form);
        list.appendChild(item);
      });
      var empty = panel.querySelector("#card-reads-empty");
      if (empty) { empty.hidden = reads.length > 0; }
    }
    function poll() {
      fetch(panel.dataset.reads, { credentials: "same-origin", headers: { "Accept": "application/json" } })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (reads) { if (reads) { draw(reads); } })
        .catch(function () {})
        .then(function () { window.setTimeout(poll, 2000); });
    }
    window.setTimeout(poll, 2000);
  });
});
