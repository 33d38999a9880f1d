// SITU OK: small progressive enhancements. Every page works without this file.
(function () {
  "use strict";
  document.documentElement.classList.add("js");

  document.addEventListener("DOMContentLoaded", function () {
    // Phone menu: the toggle shows and hides the navigation.
    var toggle = document.querySelector(".menu-toggle");
    var menu = document.getElementById("menu");
    if (toggle && menu) {
      toggle.addEventListener("click", function () {
        var open = menu.classList.toggle("open");
        toggle.setAttribute("aria-expanded", open ? "true" : "false");
        if (open) { var first = menu.querySelector("a"); if (first) first.focus(); }
      });
    }

    // Forms asking for confirmation, and no double submits (the button waits for the answer).
    document.querySelectorAll("form").forEach(function (form) {
      form.addEventListener("submit", function (event) {
        var question = form.getAttribute("data-confirm");
        if (question && !window.confirm(question)) { event.preventDefault(); return; }
        if (form.method.toLowerCase() === "post") {
          form.querySelectorAll("button[type=submit]").forEach(function (button) {
            window.setTimeout(function () { button.disabled = true; }, 0);
          });
        }
      });
    });

    // Employee form: positions of the chosen unit only; NIP for ASN, NIK for non-ASN.
    var form = document.querySelector("[data-employee-form]");
    if (form) {
      var unit = form.querySelector("#f-unit_id");
      var position = form.querySelector("#f-position_id");
      var type = form.querySelector("#f-employment_type");
      var filterPositions = function () {
        if (!unit || !position) return;
        Array.prototype.forEach.call(position.options, function (option) {
          var owner = option.getAttribute("data-unit");
          var show = !owner || !unit.value || owner === unit.value;
          option.hidden = !show;
          if (!show && option.selected) position.value = "";
        });
      };
      var showIds = function () {
        if (!type) return;
        var asn = type.value !== "non_asn";
        ["nip", "golongan", "pppk_grade", "tmt_cpns"].forEach(function (name) {
          var field = form.querySelector("#f-" + name);
          if (field) field.closest(".field").hidden = !asn || (name === "golongan" && type.value === "pppk") ||
            (name === "pppk_grade" && type.value === "pns");
        });
      };
      if (unit) unit.addEventListener("change", filterPositions);
      if (type) type.addEventListener("change", showIds);
      filterPositions();
      showIds();
    }

    // Move focus to the first invalid field so keyboard and screen-reader users land on the problem.
    var invalid = document.querySelector("[aria-invalid=true]");
    if (invalid) invalid.focus();
  });
})();
