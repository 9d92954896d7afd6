"use strict";
// An address in the municipality (a fieldset marked data-local): the postcode fills the town it serves, or
// offers the towns it serves when it serves several; a town chosen fills its postcode. The towns come from
// /api/v1/towns, once per page (the browser caches the answer). What is filled is marked, as a card read is,
// and a town typed by staff is never replaced. The server fills the same from the same data on saving.
document.addEventListener("DOMContentLoaded", function () {
  var boxes = document.querySelectorAll("fieldset[data-local]");
  if (!boxes.length || !window.fetch) { return; }
  var digits = function (text) {
    var plain = text.replace(/[０-９]/g, function (c) { return String.fromCharCode(c.charCodeAt(0) - 0xFEE0); });
    plain = plain.replace(/^\s*〒/, "").replace(/[-－‐ー\s]/g, "");
    return /^\d{7}$/.test(plain) ? plain : "";
  };
  fetch("/api/v1/towns", { headers: { "Accept": "application/json" } })
    .then(function (response) { return response.ok ? response.json() : null; })
    .then(function (data) {
      if (!data || !data.towns.length) { return; }
      boxes.forEach(function (box) {
        var prefix = box.id.replace(/-address$/, "");
        var field = function (part) { return document.getElementById(prefix + "-" + part); };
        var list = document.getElementById(prefix + "-towns");
        var postcode = field("postcode"), town = field("town");
        if (!postcode || !town || !list) { return; }
        var offer = function (towns) {
          list.textContent = "";
          towns.forEach(function (t) {
            var option = document.createElement("option");
            option.value = t.name;
            option.label = "〒" + t.postcode.slice(0, 3) + "-" + t.postcode.slice(3) + " " + t.kana;
            list.appendChild(option);
          });
        };
        var fill = function (input, value) {
          input.value = value;
          input.dataset.filled = "yes";
          input.closest(".field").classList.add("changed");
        };
        offer(data.towns);
        postcode.addEventListener("input", function () {
          var code = digits(postcode.value);
          var served = code ? data.towns.filter(function (t) { return t.postcode === code; }) : [];
          offer(served.length ? served : data.towns);
          if (!served.length) { return; }
          if (!field("prefecture").value) { fill(field("prefecture"), data.prefecture); }
          if (!field("city").value) { fill(field("city"), data.city); }
          var ours = !town.value || town.dataset.filled === "yes";
          if (served.length === 1 && ours) { fill(town, served[0].name); }
          if (served.length > 1 && ours) { town.value = ""; town.focus(); }
        });
        town.addEventListener("change", function () {
          delete town.dataset.filled;
          var chosen = data.towns.filter(function (t) { return t.name === town.value.trim(); })[0];
          if (chosen && !digits(postcode.value)) { fill(postcode, chosen.postcode); }
        });
      });
    })
    .catch(function () {});
});
