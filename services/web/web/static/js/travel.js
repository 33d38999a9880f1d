// SITU OK, SPT & SPPD pages: the live cost estimate beside the trip form, the traveller filter, and the
// phone's location on SPPD sheet II. Progressive enhancement: every page works without this file.
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
      liveEstimate(form);
      travellerFilter(form);
    });
    document.querySelectorAll("form[data-road-form]").forEach(roadForm);
  });
})();
