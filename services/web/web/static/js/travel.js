// SITU OK, SPT & SPPD pages: the live cost estimate beside the trip form, the traveller filter, the
// destination and follower rows ("Tambah tujuan", "Tambah pengikut"), and the phone's location on SPPD sheet II. Progressive enhancement: every page works without this file.
(function () {
  "use strict";

  function csrfToken(form) {
    var input = form.querySelector("input[name=csrf_token]");
    return input ? input.value : "";
  }

  // The trip form: ask the server for the estimate whenever a field changes (debounced); the newest answer wins.
  function liveEstimate(form) {
    var panel = document.getElementById("estimate");
    var url = form.getAttribute("data-estimate-url");
    if (!panel || !url || !window.fetch) return;
    var timer = null;
    var sent = 0;
    var shown = 0;
    var refresh = function () {
      var mine = ++sent;
      var body = new URLSearchParams(new FormData(form));
      body.delete("action");
      panel.setAttribute("aria-busy", "true");
      fetch(url, {
        method: "POST", body: body, credentials: "same-origin",
        headers: {"X-CSRF-Token": csrfToken(form), "X-Requested-With": "fetch"}
      }).then(function (response) {
        if (!response.ok) throw new Error("estimate " + response.status);
        return response.text();
      }).then(function (html) {
        if (mine < shown) return;
        shown = mine;
        var current = panel.querySelector(".estimate-body");
        var holder = document.createElement("div");
        holder.innerHTML = html;
        var fresh = holder.querySelector(".estimate-body");
        if (current && fresh) current.replaceWith(fresh);
      }).catch(function () {
        // keep the last estimate; the "Hitung biaya" button still works
      }).then(function () {
        if (mine === sent) panel.removeAttribute("aria-busy");
      });
    };
    var later = function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(refresh, 400);
    };
    form.addEventListener("input", later);
    form.addEventListener("change", later);
    refresh();
  }

  // A long list of employees: type to narrow it (checked ones stay visible).
  function travellerFilter(form) {
    var box = form.querySelector("[data-pick-filter]");
    var list = form.querySelector("[data-pick-list]");
    if (!box || !list) return;
    box.closest(".field").hidden = false;
    box.addEventListener("input", function () {
      var words = box.value.toLowerCase().trim();
      list.querySelectorAll("li").forEach(function (item) {
        var input = item.querySelector("input");
        var match = !words || item.textContent.toLowerCase().indexOf(words) !== -1;
        item.hidden = !(match || (input && input.checked));
      });
    });
  }

  // Repeated rows (destinations, a traveller's followers): the server shows the filled rows and a few empty ones;
  // here the empty extra rows wait behind the "Tambah …" button, which shows the next one or copies the last row
  // (same input names, fresh ids) up to data-max rows.
  function renumber(row, n) {
    row.querySelectorAll("[id]").forEach(function (el) {
      el.id = el.id.replace(/-\d+$/, "") + "-" + n;
    });
    row.querySelectorAll("label[for]").forEach(function (el) {
      el.setAttribute("for", el.getAttribute("for").replace(/-\d+$/, "") + "-" + n);
    });
    var title = row.querySelector(".row-title");
    if (title && title.firstChild) title.firstChild.nodeValue = title.firstChild.nodeValue.replace(/\d+/, n + 1);
  }

  function blankCopy(row, n) {
    var copy = row.cloneNode(true);
    copy.querySelectorAll(".error, .row-title .muted").forEach(function (el) { el.remove(); });
    copy.querySelectorAll(".field-invalid").forEach(function (el) { el.classList.remove("field-invalid"); });
    copy.querySelectorAll("input, select").forEach(function (input) {
      input.value = "";
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
      input.removeAttribute("required");
      input.removeAttribute("aria-required");
    });
    copy.querySelectorAll(".req").forEach(function (el) { el.remove(); });
    renumber(copy, n);
    copy.hidden = false;
    return copy;
  }

  function repeatRows(box) {
    var list = box.querySelector("[data-rows]");
    var button = box.querySelector("[data-add-row]");
    if (!list || !button || button.hasAttribute("data-ready")) return;
    button.setAttribute("data-ready", "");
    var max = parseInt(list.getAttribute("data-max"), 10) || 5;
    var rows = function () { return list.querySelectorAll("[data-row]"); };
    var shownCount = function () {
      return Array.prototype.filter.call(rows(), function (row) { return !row.hidden; }).length;
    };
    list.querySelectorAll("[data-extra-row]").forEach(function (row) { row.hidden = true; });
    var update = function () { button.hidden = shownCount() >= max; };
    button.addEventListener("click", function () {
      var next = Array.prototype.find.call(rows(), function (row) { return row.hidden; });
      var all = rows();
      if (!next && all.length) {
        next = blankCopy(all[all.length - 1], all.length);
        list.appendChild(next);
      }
      if (!next) return;
      next.hidden = false;
      update();
      var first = next.querySelector("input, select");
      if (first) first.focus();
    });
    update();
  }

  // Followers per traveller: a ticked traveller gets a group of follower rows (from the <template>), an
  // unticked one's group is hidden and its inputs left out of the form.
  function followerGroups(form) {
    var section = form.querySelector("[data-followers]");
    var template = form.querySelector("template[data-follower-template]");
    section && section.querySelectorAll("[data-follower-group]").forEach(repeatRows);
    if (!section || !template) return;
    var groupOf = function (id) {
      return section.querySelector("[data-follower-group=\"" + id + "\"]");
    };
    var toggle = function (box) {
      var id = box.value;
      if (!/^[0-9]+$/.test(id)) return;
      var group = groupOf(id);
      if (!group && box.checked) {
        var holder = document.createElement("div");
        holder.innerHTML = template.innerHTML.split("__EID__").join(id);
        group = holder.querySelector("[data-follower-group]");
        var name = box.closest("label").querySelector("strong");
        var legend = group.querySelector("legend");
        legend.textContent = legend.textContent.replace("__NAME__", name ? name.textContent : id);
        section.insertBefore(group, template);
        repeatRows(group);
      }
      if (!group) return;
      group.hidden = !box.checked;
      group.querySelectorAll("input, select").forEach(function (input) { input.disabled = !box.checked; });
    };
    form.querySelectorAll("input[type=checkbox][name=traveller]").forEach(function (box) {
      box.addEventListener("change", function () { toggle(box); });
      toggle(box);
    });
  }

  // Sheet II: the buttons name the place; the phone's location goes with the form when allowed.
  function roadForm(form) {
    var place = form.querySelector("[data-place-input]");
    var names = form.querySelectorAll("[data-place-name]");
    var status = form.querySelector("[data-geo-status]");
    if (place) {
      var rename = function () {
        names.forEach(function (name) { name.textContent = place.value.trim() || "…"; });
      };
      place.addEventListener("input", rename);
      rename();
    }
    if (!navigator.geolocation) return;
    var fill = function (position) {
      var c = position.coords;
      form.querySelector("input[name=latitude]").value = c.latitude.toFixed(6);
      form.querySelector("input[name=longitude]").value = c.longitude.toFixed(6);
      form.querySelector("input[name=accuracy]").value = Math.round(c.accuracy);
      if (status) {
        status.textContent = (status.getAttribute("data-geo-ok") || "Lokasi ±%s m ikut dicatat.")
          .replace("%s", Math.round(c.accuracy));
        status.classList.add("geo-ok");
      }
    };
    var fail = function () {
      if (status) status.textContent = status.getAttribute("data-geo-off") || status.textContent;
    };
    navigator.geolocation.getCurrentPosition(fill, fail, {enableHighAccuracy: true, timeout: 15000,
                                                         maximumAge: 60000});
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-trip-form]").forEach(function (form) {
      form.querySelectorAll("fieldset").forEach(function (box) {
        if (box.querySelector(":scope > [data-rows]")) repeatRows(box);
      });
      followerGroups(form);
      liveEstimate(form);
      travellerFilter(form);
    });
    document.querySelectorAll("form[data-road-form]").forEach(roadForm);
  });
})();
