/* Reading QR labels of the register with the phone's camera (or a photo), in the browser.
 *
 * Needs jsQR (window.jsQR), served by this site at /vendor/jsqr.js (npm package "jsqr", installed by
 * `make venv`; no CDN). Load it before this file.
 *
 * Reusable API (window.SitukScan), e.g. for stock-taking's room checks:
 *
 *   const scanner = await SitukScan.startScanner(videoElement, function (text) {
 *     // called with the text of each QR code read; return false to keep scanning, anything else stops
 *   });
 *   scanner.stop();                                  // camera off
 *
 *   SitukScan.decodeImageFile(file).then(function (text) { ... });   // a photo (File/Blob) -> text or null
 *   SitukScan.itemPath(text, siteUrl)                // "/aset/barang/12" when text is this site's item page
 *
 * startScanner asks for the rear camera (facingMode "environment") and rejects when there is no camera or the
 * user refuses it (then offer the photo input: <input type="file" accept="image/*" capture="environment">).
 *
 * The page /aset/pindai wires it up: an element [data-scan-page] with the messages in data-msg-* attributes
 * (translated by the template; no inline script is allowed by the Content-Security-Policy).
 */
(function () {
  "use strict";

  var ITEM_PATH = /^\/aset\/barang\/(\d+)\/?$/;
  var MAX_SIDE = 720;   // frames are scaled down to this before decoding: fast enough on a modest phone
  var INTERVAL = 120;   // ms between two decoding attempts

  function decode(canvas, context, source, width, height, attempts) {
    var scale = Math.min(1, MAX_SIDE / Math.max(width, height));
    var w = Math.max(1, Math.round(width * scale));
    var h = Math.max(1, Math.round(height * scale));
    canvas.width = w;
    canvas.height = h;
    context.drawImage(source, 0, 0, w, h);
    var image = context.getImageData(0, 0, w, h);
    var found = window.jsQR(image.data, w, h, { inversionAttempts: attempts || "dontInvert" });
    return found && found.data ? found.data : null;
  }

  function startScanner(video, onCode) {
    if (!window.jsQR) {
      return Promise.reject(new Error("jsQR is not loaded"));
    }
    if (!navigator.mediaDevices || !navigator.mediaDevices.getUserMedia) {
      return Promise.reject(new Error("no camera API (an insecure page, or an old browser)"));
    }
    return navigator.mediaDevices.getUserMedia({ audio: false, video: { facingMode: { ideal: "environment" } } })
      .then(function (stream) {
        var stopped = false;
        var timer = null;
        var canvas = document.createElement("canvas");
        var context = canvas.getContext("2d", { willReadFrequently: true });
        video.setAttribute("playsinline", "");
        video.muted = true;
        video.srcObject = stream;

        function stop() {
          stopped = true;
          if (timer) { window.clearTimeout(timer); }
          stream.getTracks().forEach(function (track) { track.stop(); });
          video.srcObject = null;
        }

        function tick() {
          if (stopped) { return; }
          if (video.readyState >= 2 && video.videoWidth) {
            var text = decode(canvas, context, video, video.videoWidth, video.videoHeight);
            if (text !== null && onCode(text) !== false) {
              stop();
              return;
            }
          }
          timer = window.setTimeout(tick, INTERVAL);
        }

        return Promise.resolve(video.play()).catch(function () { /* autoplay rules: frames still arrive */ })
          .then(function () {
            tick();
            return { stop: stop };
          });
      });
  }

  function decodeImageFile(file) {
    return new Promise(function (resolve, reject) {
      var url = URL.createObjectURL(file);
      var image = new Image();
      image.onload = function () {
        var canvas = document.createElement("canvas");
        var context = canvas.getContext("2d", { willReadFrequently: true });
        try {
          resolve(decode(canvas, context, image, image.naturalWidth, image.naturalHeight, "attemptBoth"));
        } finally {
          URL.revokeObjectURL(url);
        }
      };
      image.onerror = function () {
        URL.revokeObjectURL(url);
        reject(new Error("not an image"));
      };
      image.src = url;
    });
  }

  /* The item page's path when `text` is a URL of this site (this origin, or the site's public URL) leading to
   * /aset/barang/<id>; otherwise null. */
  function itemPath(text, siteUrl) {
    var url;
    try {
      url = new URL(String(text).trim());
    } catch (e) {
      return null;
    }
    var origins = [window.location.origin];
    if (siteUrl) {
      try { origins.push(new URL(siteUrl).origin); } catch (e) { /* not a URL: ignored */ }
    }
    if (origins.indexOf(url.origin) === -1 || url.search || url.hash) { return null; }
    return ITEM_PATH.test(url.pathname) ? url.pathname.replace(/\/$/, "") : null;
  }

  window.SitukScan = { startScanner: startScanner, decodeImageFile: decodeImageFile, itemPath: itemPath };

  // -- the page /aset/pindai ------------------------------------------------------------------------------
  function scanPage(root) {
    var video = document.getElementById("scan-video");
    var status = document.getElementById("scan-status");
    var start = document.getElementById("scan-start");
    var photo = document.getElementById("scan-photo");
    var site = root.getAttribute("data-site-url");
    var scanner = null;

    video.style.width = "100%";
    video.style.maxWidth = "32rem";
    video.style.background = "#111";
    video.style.borderRadius = "8px";

    function say(name, extra) {
      status.textContent = root.getAttribute("data-msg-" + name) + (extra ? " " + extra : "");
    }

    function handle(text) {
      var path = itemPath(text, site);
      if (path) {
        say("opening");
        window.location.assign(path);
        return true;
      }
      say("foreign", String(text).slice(0, 200));
      return false;   // keep scanning: the next label may be ours
    }

    function showStart(shown) {   // a .button's display beats the hidden attribute: set both
      start.hidden = !shown;
      start.style.display = shown ? "" : "none";
    }

    function open() {
      showStart(false);
      say("starting");
      startScanner(video, handle).then(function (made) {
        scanner = made;
        say("scanning");
      }).catch(function () {
        say("no-camera");
        showStart(true);
      });
    }

    start.addEventListener("click", open);
    photo.addEventListener("change", function () {
      var file = photo.files && photo.files[0];
      if (!file) { return; }
      decodeImageFile(file).then(function (text) {
        if (text === null) { say("no-code"); } else { handle(text); }
      }).catch(function () { say("no-code"); });
      photo.value = "";
    });
    window.addEventListener("pagehide", function () { if (scanner) { scanner.stop(); } });
    open();
  }

  function ready() {
    var root = document.querySelector("[data-scan-page]");
    if (root) { scanPage(root); }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", ready);
  } else {
    ready();
  }
}());
