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

// Keuangan (SPJ & Arsip). Progressive enhancement: every page works without this part.
(function () {
  "use strict";

  // A long export (the BKU, the books, the monthly report): the link says it is busy until the file has arrived,
  // then the browser saves it. Without fetch, or when the answer is a page (an error, the login), the link is
  // simply followed and the page explains.
  function busyDownload(link) {
    var idle = link.textContent;
    var finish = function (text) {
      link.removeAttribute("aria-busy");
      link.classList.remove("is-busy");
      link.textContent = text || idle;
      if (text) window.setTimeout(function () { link.textContent = idle; }, 6000);
    };
    link.addEventListener("click", function (event) {
      if (!window.fetch || !window.URL || !window.Blob) return;
      event.preventDefault();
      if (link.getAttribute("aria-busy") === "true") return;
      link.setAttribute("aria-busy", "true");
      link.classList.add("is-busy");
      link.textContent = link.getAttribute("data-busy-label") || idle;
      fetch(link.href, {credentials: "same-origin", headers: {"X-Requested-With": "fetch"}}).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (!response.ok || response.redirected || type.indexOf("text/html") === 0) {
          window.location.href = link.href;
          return null;
        }
        var disposition = response.headers.get("Content-Disposition") || "";
        var found = /filename="?([^";]+)"?/.exec(disposition);
        return response.blob().then(function (blob) {
          var url = URL.createObjectURL(blob);
          var save = document.createElement("a");
          save.href = url;
          save.download = found ? found[1] : "";
          document.body.appendChild(save);
          save.click();
          save.remove();
          window.setTimeout(function () { URL.revokeObjectURL(url); }, 30000);
        });
      }).then(function () { finish(); }, function () { finish(link.getAttribute("data-failed-label")); });
    });
  }

  // Rows added and removed on the page (an SPJ's purchases and their items). The server renders the rows with
  // "Tambah …" / "Hapus" submit buttons that post the form back with one row more or less; here they act on the
  // page instead: a new row is the <template data-row-template> of its list, its placeholder (data-placeholder)
  // numbered on.
  function itemRows(list) {
    var template = list.querySelector(":scope > template[data-row-template]");
    var add = list.querySelector(":scope > .row-tools [data-add-row]");
    if (!template || !add) return;
    var next = parseInt(list.getAttribute("data-next-index"), 10) || 0;
    var placeholder = list.getAttribute("data-placeholder") || "__N__";
    add.addEventListener("click", function (event) {
      event.preventDefault();
      var holder = document.createElement("div");
      holder.innerHTML = template.innerHTML.split(placeholder).join(String(next));
      next += 1;
      var row = holder.firstElementChild;
      list.querySelector(":scope > [data-rows]").appendChild(row);
      row.querySelectorAll("[data-item-rows]").forEach(itemRows);
      var first = row.querySelector("input, select, textarea");
      if (first) first.focus();
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-remove-row]") : null;
    if (!button) return;
    var row = button.closest("[data-row]");
    if (!row) return;
    event.preventDefault();
    var list = row.parentNode;
    var form = row.closest("form");
    row.remove();
    var focus = list && list.querySelector("[data-row] input");
    if (focus) focus.focus();
    if (form) form.dispatchEvent(new Event("change"));
  });

  // The SPJ form: finance's count (taxes, evidence kind, net payable) beside it, asked again while typing
  // (debounced; files stay out of it); the newest answer wins. Without this the "Hitung pajak" button does it.
  function livePreview(form) {
    var panel = document.getElementById("preview");
    var url = form.getAttribute("data-preview-url");
    var token = form.querySelector("input[name=csrf_token]");
    if (!panel || !url || !token || !window.fetch || !window.FormData || !window.URLSearchParams) return;
    var timer = null;
    var sent = 0;
    var shown = 0;
    var refresh = function () {
      var mine = ++sent;
      var body = new URLSearchParams();
      new FormData(form).forEach(function (value, name) {
        if (typeof value === "string" && name !== "action") body.append(name, value);
      });
      panel.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"X-CSRF-Token": token.value, "X-Requested-With": "fetch"}
      }).then(function (response) {
        if (!response.ok) throw new Error("preview " + response.status);
        return response.text();
      }).then(function (html) {
        if (mine < shown) return;
        shown = mine;
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector(".preview-body");
        var current = panel.querySelector(".preview-body");
        if (fresh && current) current.replaceWith(fresh);
      }).catch(function () {
        // keep the last count; the "Hitung pajak" button still works
      }).then(function () {
        if (mine === sent) panel.removeAttribute("aria-busy");
      });
    };
    var later = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 600);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("a[data-download]").forEach(busyDownload);
    document.querySelectorAll("form[data-spj-form]").forEach(livePreview);
    document.querySelectorAll("[data-item-rows]").forEach(function (list) {
      if (!list.parentNode.closest("[data-item-rows]")) {
        itemRows(list);
        list.querySelectorAll("[data-item-rows]").forEach(itemRows);
      }
    });
  });
})();
