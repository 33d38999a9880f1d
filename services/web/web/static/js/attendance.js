// SITU OK, Absensi Non ASN: one-tap check-in on a phone. Reads the phone's position (and an optional selfie,
// made smaller first), posts the form with the page's idempotency key and the CSRF token in a header, and shows
// the server's answer (the time in WITA, or why it refused). Progressive enhancement: without this file the form
// still posts and the server answers with a message on the page.
(function () {
  "use strict";

  var MAX_SIDE = 960; // a selfie is scaled to at most this many pixels per side, as JPEG

  function checkinForm(form) {
    if (!window.fetch || !window.FormData) return;
    var status = form.querySelector("[data-geo-status]");
    var result = form.querySelector("[data-checkin-result]");
    var buttons = form.querySelectorAll("button[name=action]");
    var today = document.getElementById("today");
    var position = null;     // the first fix is kept: a retry sends the same data (recorded once)
    var waiting = [];
    var busy = false;

    function say(text, ok) {
      if (!status) return;
      status.textContent = text;
      status.classList.toggle("geo-ok", !!ok);
    }

    function gotPosition(p) {
      if (!position) {
        position = {latitude: p.coords.latitude.toFixed(6), longitude: p.coords.longitude.toFixed(6),
                    accuracy: String(Math.round(p.coords.accuracy))};
      }
      say((status.getAttribute("data-geo-ok") || "±%s m").replace("%s", position.accuracy), true);
      flush();
    }

    function noPosition() {
      say(status.getAttribute("data-geo-off") || status.textContent, false);
      flush();
    }

    function flush() {
      var callbacks = waiting;
      waiting = [];
      callbacks.forEach(function (fn) { fn(); });
    }

    function locate() {
      if (!navigator.geolocation) return;
      say(status.getAttribute("data-geo-wait") || "…", false);
      navigator.geolocation.getCurrentPosition(gotPosition, noPosition,
                                               {enableHighAccuracy: true, timeout: 15000, maximumAge: 30000});
    }

    // The position when it is known; if the phone is still looking, wait for its answer (or its refusal).
    function withPosition(fn) {
      if (position || !navigator.geolocation) return fn();
      waiting.push(fn);
      if (waiting.length === 1) locate();
    }

    function smaller(file, done) {
      if (!file) return done(null);
      if (!window.createImageBitmap || !document.createElement("canvas").toBlob) return done(file);
      createImageBitmap(file).then(function (bitmap) {
        var scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
        var canvas = document.createElement("canvas");
        canvas.width = Math.round(bitmap.width * scale);
        canvas.height = Math.round(bitmap.height * scale);
        canvas.getContext("2d").drawImage(bitmap, 0, 0, canvas.width, canvas.height);
        canvas.toBlob(function (blob) { done(blob || file); }, "image/jpeg", 0.8);
      }).catch(function () { done(file); });
    }

    function show(text, ok) {
      if (!result) return;
      result.hidden = false;
      result.textContent = text;
      result.className = "checkin-result " + (ok ? "checkin-ok" : "checkin-refused");
      result.setAttribute("role", ok ? "status" : "alert");
    }

    function send(action) {
      if (position) {
        ["latitude", "longitude", "accuracy"].forEach(function (name) {
          form.querySelector("input[name=" + name + "]").value = position[name];
        });
      }
      var body = new FormData(form);
      body.set("action", action);
      var input = form.querySelector("input[name=selfie]");
      var file = input && input.files && input.files[0];
      body.delete("selfie");
      smaller(file, function (image) {
        if (image) body.set("selfie", image, "swafoto.jpg");
        fetch(form.getAttribute("action"), {
          method: "POST", body: body, credentials: "same-origin",
          headers: {"X-CSRF-Token": body.get("csrf_token"), "X-Requested-With": "fetch",
                    "Accept": "application/json"}
        }).then(function (response) {
          return response.json().catch(function () {
            throw new Error("answer " + response.status);
          });
        }).then(function (answer) {
          show(answer.message, answer.ok);
          if (answer.ok && answer.today_html && today) today.innerHTML = answer.today_html;
          if (answer.ok && action === "check_in") { // next comes the check-out: make it the main button
            buttons.forEach(function (b) { b.classList.toggle("button-primary", b.value === "check_out"); });
          }
        }).catch(function () {
          var chosen = document.createElement("input"); // no usable answer: post the ordinary way
          chosen.type = "hidden";
          chosen.name = "action";
          chosen.value = action;
          form.appendChild(chosen);
          form.submit();
        }).then(function () {
          busy = false;
          buttons.forEach(function (b) { b.disabled = false; b.removeAttribute("aria-busy"); });
        });
      });
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return; // a double tap sends once (and the key would record once anyway)
      var button = event.submitter || form.querySelector("button[name=action]");
      busy = true;
      buttons.forEach(function (b) { b.disabled = true; });
      button.setAttribute("aria-busy", "true");
      show(status.getAttribute("data-sending") || "…", true);
      withPosition(function () { send(button.value); });
    });

    locate();
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-checkin-form]").forEach(checkinForm);
  });
})();
