/* The stock-taking room page: an enhancement only. The page works as plain forms; when the QR scanner's script
   is loaded (``SitukScan.startScanner(video, onCode)`` of ``js/assets-scan.js``, or a global
   ``startScanner``), a "Pindai label" button opens the camera and a code read fills the label box and submits
   it. Without a camera, or when the user refuses it, the box stays for a typed label. */
(function () {
  "use strict";

  function scannerStart() {
    if (window.SitukScan && typeof window.SitukScan.startScanner === "function") {
      return window.SitukScan.startScanner;
    }
    return typeof window.startScanner === "function" ? window.startScanner : null;
  }

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.querySelector("[data-scan-form]");
    var start = scannerStart();
    if (!form || !start || !navigator.mediaDevices) {
      return;
    }
    var target = form.querySelector("[data-scan-target]");
    var slot = form.querySelector("[data-scan-slot]");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button button-big";
    button.textContent = form.getAttribute("data-scan-label") || "Pindai label";
    form.insertBefore(button, slot);
    button.addEventListener("click", function () {
      var video = document.createElement("video");
      var running = null;
      video.setAttribute("playsinline", "");
      video.setAttribute("muted", "");
      slot.textContent = "";
      slot.appendChild(video);
      slot.hidden = false;
      var started = start(video, function (code) {
        target.value = code;
        slot.hidden = true;
        if (running && typeof running.stop === "function") { running.stop(); }
        form.submit();
        return true;
      });
      Promise.resolve(started).then(function (scanner) { running = scanner; }, function () {
        slot.hidden = true;   // no camera, or refused: type the label instead
        target.focus();
      });
    });
  });
})();
