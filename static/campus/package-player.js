/*
 * The learning view's package player, on the campus side (docs/content-packages.md).
 *
 * The package plays in #package-frame, on the content origin. This script talks to the player
 * there only by messages (origin and source checked both ways), sends it `init` with the saved
 * state, and saves what it reports: each commit is POSTed as JSON, in order, one at a time (a
 * newer state replaces one still waiting); when the page is left, the last state not yet saved
 * goes with navigator.sendBeacon. The page then shows the status, the score and completion.
 */
(function () {
  "use strict";

  var frame = document.getElementById("package-frame");
  var stateElement = document.getElementById("package-state");
  if (!frame || !stateElement) return;

  var state = JSON.parse(stateElement.textContent);
  var CONTENT = state.content_origin;
  var statusElement = document.getElementById("package-status");
  var csrfInput = document.querySelector("#package-player ~ input[name=csrfmiddlewaretoken], input[name=csrfmiddlewaretoken]");
  var csrfToken = csrfInput ? csrfInput.value : "";
  var attempt = newUuid();
  var sequence = 0;
  var initSent = false;
  var inFlight = null;
  var waiting = null;
  var lastSent = null; // the last payload handed to the queue
  var savedSequence = 0;
  var failures = 0;
  var scos = state.scos || [];
  var current = scos.filter(function (sco) { return sco.identifier === state.current; })[0] || scos[0] || null;

  function newUuid() {
    if (window.crypto && typeof window.crypto.randomUUID === "function") return window.crypto.randomUUID();
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    bytes[6] = (bytes[6] & 0x0f) | 0x40;
    bytes[8] = (bytes[8] & 0x3f) | 0x80;
    var hex = Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
    return hex.slice(0, 8) + "-" + hex.slice(8, 12) + "-" + hex.slice(12, 16) + "-" + hex.slice(16, 20) + "-" + hex.slice(20);
  }

  // The page's messages, translated in the template (data-msg-*); {score} is replaced.
  var messages = (document.getElementById("package-player") || {}).dataset || {};
  function message(name, score) {
    return (messages[name] || "").replace("{score}", score);
  }

  function setStatus(text) {
    if (statusElement && statusElement.textContent !== text) statusElement.textContent = text;
  }

  // ---- Messages with the player ------------------------------------------------------------

  function post(message) {
    message.campus_package = 1;
    frame.contentWindow.postMessage(message, CONTENT);
  }

  // `again`: the player said `ready` once more, so it has not started: an `init` sent before
  // may have reached a document the frame has since replaced. It ignores an `init` once started.
  function sendInit(again) {
    if ((initSent && !again) || !current && state.kind !== "h5p") return;
    initSent = true;
    post({
      type: "init",
      kind: state.kind,
      sco: current ? current.identifier : "",
      href: current ? current.href : "",
      title: frame.title,
      // H5P: the state saved with the last result ({state, result}); SCORM: the flattened cmi.
      state: !current || !current.state ? null :
        state.kind === "h5p" ? (current.state.state || null) : current.state,
      settings: { learner: state.learner || null },
    });
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== CONTENT || event.source !== frame.contentWindow) return;
    var data = event.data;
    if (!data || data.campus_package !== 1) return;
    switch (data.type) {
      case "ready":
        sendInit(true);
        break;
      case "commit":
      case "finish":
        enqueue(data);
        break;
      case "navigate":
        navigate(data.sco);
        break;
      case "unloaded":
        if (unloaded) unloaded();
        break;
      default:
        break;
    }
  });
  // The player may have said `ready` before this script listened: its page has loaded, so it
  // listens now.
  frame.addEventListener("load", function () { setTimeout(function () { sendInit(false); }, 50); });

  // ---- Saving ------------------------------------------------------------------------------

  function payloadOf(data) {
    sequence += 1;
    var payload = { sco: state.kind === "h5p" ? "" : (data.sco || (current && current.identifier) || ""), sequence: sequence, attempt: attempt };
    if (state.kind === "h5p") {
      payload.state = typeof data.state === "string" ? data.state : "";
      payload.result = data.result || null;
    } else {
      payload.cmi = data.cmi || {};
    }
    return payload;
  }

  function enqueue(data) {
    var payload = payloadOf(data);
    lastSent = payload;
    waiting = payload; // a newer full state replaces one that has not left yet
    pump();
  }

  function pump() {
    if (inFlight || !waiting) return;
    inFlight = waiting;
    waiting = null;
    var payload = inFlight;
    fetch(state.commit_url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken, "Accept": "application/json" },
      body: JSON.stringify(payload),
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (body) {
        return { ok: response.ok, status: response.status, body: body };
      });
    }).then(function (answer) {
      inFlight = null;
      if (answer.ok) {
        failures = 0;
        savedSequence = Math.max(savedSequence, payload.sequence);
        showResult(answer.body);
      } else if (answer.status >= 500) {
        retry(payload);
        return;
      } else {
        setStatus(answer.body.message || message("msgError"));
      }
      pump();
    }, function () {
      inFlight = null;
      retry(payload);
    });
  }

  function retry(payload) {
    failures += 1;
    setStatus(message("msgRetry"));
    if (!waiting) waiting = payload;
    setTimeout(pump, Math.min(30000, 2000 * failures));
  }

  function showResult(body) {
    var result = document.getElementById("package-result");
    var failed = document.getElementById("package-failed");
    var score = typeof body.score === "number" ? body.score : null;
    if (body.completed) {
      setStatus(score === null ? message("msgCompleted") : message("msgCompletedScore", score));
      if (result) {
        document.getElementById("package-result-text").textContent =
          score === null ? "" : message("msgResultScore", score);
        result.hidden = false;
      }
      if (failed) failed.hidden = true;
    } else if (body.passed === false && score !== null) {
      setStatus(message("msgFailedScore", score));
      if (failed) {
        failed.hidden = false;
        document.getElementById("package-failed-text").textContent =
          message("msgFailedText", score);
      }
    } else {
      setStatus(message("msgSaved"));
    }
  }

  function flush() {
    // Leaving the page: whatever was not saved yet goes with a beacon (kept by the browser).
    if (!lastSent || lastSent.sequence <= savedSequence || !navigator.sendBeacon) return;
    var form = new FormData();
    form.append("payload", JSON.stringify(lastSent));
    form.append("csrfmiddlewaretoken", csrfToken);
    if (navigator.sendBeacon(state.commit_url, form)) savedSequence = lastSent.sequence;
  }
  window.addEventListener("pagehide", flush);
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") flush();
  });

  // ---- Navigation between SCOs ----------------------------------------------------------------

  function scoUrl(identifier) {
    var url = new URL(window.location.href);
    url.searchParams.set("sco", identifier);
    url.hash = "";
    return url.toString();
  }

  function navigate(target) {
    if (!current || state.kind === "h5p") return;
    var index = scos.indexOf(current);
    var next = null;
    if (target === "next") next = scos[index + 1];
    else if (target === "previous") next = scos[index - 1];
    else next = scos.filter(function (sco) { return sco.identifier === target; })[0];
    if (!next) return;
    leave(scoUrl(next.identifier));
  }

  // Leaving the page by one of its links: the SCO is unloaded first and what it reports on its
  // way out is saved, then the page goes (each step waits 3 s at most).
  var unloaded = null;
  var leaving = false;

  function leave(url) {
    if (leaving) return;
    leaving = true;
    var asked = Date.now();
    var go = function () {
      if ((inFlight || waiting) && Date.now() - asked < 3000) {
        setTimeout(go, 50);
        return;
      }
      window.location.assign(url);
    };
    unloaded = function () {
      unloaded = null;
      setTimeout(go, 50); // the last commit is queued just before `unloaded`
    };
    post({ type: "unload" });
    setTimeout(function () { if (unloaded) unloaded(); }, 2500);
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[href]");
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey ||
        event.shiftKey || event.altKey || link.target || link.hasAttribute("download")) return;
    var url = new URL(link.href, window.location.href);
    if (url.origin !== window.location.origin) return;
    if (url.pathname === window.location.pathname && url.search === window.location.search) return;
    if (!initSent) return;
    event.preventDefault();
    leave(url.toString());
  });

  // ---- Full screen ------------------------------------------------------------------------

  var container = document.getElementById("package-player");
  var fullscreen = document.getElementById("package-fullscreen");
  if (fullscreen && container && container.requestFullscreen && document.fullscreenEnabled) {
    fullscreen.hidden = false;
    fullscreen.addEventListener("click", function () {
      if (document.fullscreenElement) document.exitFullscreen();
      else container.requestFullscreen();
    });
    document.addEventListener("fullscreenchange", function () {
      var on = document.fullscreenElement === container;
      fullscreen.textContent = on ? fullscreen.dataset.labelExit : fullscreen.dataset.labelEnter;
      container.classList.toggle("campus-package--fullscreen", on);
    });
  }
})();
