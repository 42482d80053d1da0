/*
 * The package player, on the content origin (docs/content-packages.md).
 *
 * Served at /lecteur/runtime.js by the content origin, beside the SCO (same origin: the SCO
 * finds the SCORM API in its parent window). It waits for the campus page's `init` message
 * (only from the campus origin and from the window that frames it), then:
 * - SCORM: creates scorm-again's API (`window.API` for 1.2, `window.API_1484_11` for 2004) with
 *   the saved state, and loads the SCO in a nested frame; every commit, the end of the SCO and
 *   its navigation requests are relayed to the campus page, which saves them.
 * - H5P: shows the content with h5p-standalone, with the saved state; the results (xAPI
 *   `answered`/`completed` of the content itself) and the state are relayed the same way.
 * Nothing here talks to a server: scorm-again has no commit URL.
 */
(function () {
  "use strict";

  var config = JSON.parse(document.getElementById("player-config").textContent);
  var CAMPUS = config.campus_origin;
  var content = document.getElementById("player-content");
  var message = document.getElementById("player-message");
  var started = false;
  var api = null;
  var current = null; // identifier of the SCO played
  var commitTimer = null;
  var statusSet = false; // the SCO set its status (SCORM 1.2)

  function send(type, data) {
    var payload = data || {};
    payload.type = type;
    payload.campus_package = 1;
    window.parent.postMessage(payload, CAMPUS);
  }

  function say(text) {
    message.textContent = text;
    message.hidden = !text;
  }

  // ---- SCORM ------------------------------------------------------------------------------

  // What a SCO resumes from; the rest of the saved data model is the runtime's to set.
  var RESUMED = {
    scorm12: [
      /^cmi\.core\.lesson_location$/, /^cmi\.core\.lesson_status$/, /^cmi\.core\.score\./,
      /^cmi\.core\.total_time$/, /^cmi\.suspend_data$/, /^cmi\.objectives\./,
    ],
    scorm2004: [
      /^cmi\.location$/, /^cmi\.completion_status$/, /^cmi\.success_status$/, /^cmi\.score\./,
      /^cmi\.progress_measure$/, /^cmi\.total_time$/, /^cmi\.suspend_data$/, /^cmi\.objectives\./,
    ],
  };

  function resumedState(kind, saved) {
    var state = {};
    if (!saved) return state;
    Object.keys(saved).forEach(function (key) {
      var value = saved[key];
      if (value === "" || value === null || value === undefined || typeof value === "object") return;
      if (/\._count$|\._children$/.test(key)) return;
      if (RESUMED[kind].some(function (pattern) { return pattern.test(key); })) {
        state[key] = String(value);
      }
    });
    var exit = kind === "scorm12" ? saved["cmi.core.exit"] : saved["cmi.exit"];
    if (exit === "suspend") {
      state[kind === "scorm12" ? "cmi.core.entry" : "cmi.entry"] = "resume";
    }
    if (kind === "scorm12" && state["cmi.core.lesson_status"] === "not attempted") {
      delete state["cmi.core.lesson_status"];
    }
    return state;
  }

  function flattened(terminate) {
    return api.renderCommitCMI(terminate, true);
  }

  function relayCommit(terminate) {
    clearTimeout(commitTimer);
    commitTimer = null;
    var cmi = flattened(terminate);
    // SCORM 1.2 (RTE 3.4.4): a SCO that finishes without having set a status is completed.
    // (scorm-again's autoCompleteLessonStatus misses it when it started as "not attempted".)
    if (terminate && config.kind === "scorm12" && !statusSet &&
        (!cmi["cmi.core.lesson_status"] || cmi["cmi.core.lesson_status"] === "not attempted")) {
      cmi["cmi.core.lesson_status"] = "completed";
    }
    send(terminate ? "finish" : "commit", { sco: current, cmi: cmi });
  }

  function scheduleCommit() {
    // Values set without a commit are saved all the same, a moment later.
    clearTimeout(commitTimer);
    commitTimer = setTimeout(function () { relayCommit(false); }, 300);
  }

  function navigationRequest() {
    var request = "";
    try {
      request = String(api.adl.nav.request || "");
    } catch (error) {
      return null;
    }
    if (request === "continue") return "next";
    if (request === "previous") return "previous";
    var target = /^\{target=([^}]+)\}(choice|jump)$/.exec(request);
    return target ? target[1] : null;
  }

  function startScorm(init) {
    var kind = config.kind;
    var settings = {
      autocommit: false,
      lmsCommitUrl: false,
      dataCommitFormat: "flattened",
      logLevel: 5,
      autoCompleteLessonStatus: kind === "scorm12",
    };
    var learner = init.settings && init.settings.learner;
    if (kind === "scorm12") {
      api = new window.Scorm12API(settings);
      var state12 = resumedState(kind, init.state);
      if (learner) {
        state12["cmi.core.student_id"] = learner.id;
        state12["cmi.core.student_name"] = learner.name;
      }
      api.loadFromFlattenedJSON(state12, "");
      window.API = api;
      api.on("LMSSetValue.cmi.*", scheduleCommit);
      api.on("LMSSetValue.cmi.core.lesson_status", function () { statusSet = true; });
      if (state12["cmi.core.lesson_status"]) statusSet = true;
      api.on("LMSCommit", function () { relayCommit(false); });
      api.on("LMSFinish", function () { relayCommit(true); });
    } else {
      api = new window.Scorm2004API(settings);
      var state2004 = resumedState(kind, init.state);
      if (learner) {
        state2004["cmi.learner_id"] = learner.id;
        state2004["cmi.learner_name"] = learner.name;
      }
      api.loadFromFlattenedJSON(state2004, "");
      window.API_1484_11 = api;
      api.on("SetValue.cmi.*", scheduleCommit);
      api.on("Commit", function () { relayCommit(false); });
      api.on("Terminate", function () {
        relayCommit(true);
        var target = navigationRequest();
        if (target) send("navigate", { sco: target });
      });
    }
    var launch = new URL(init.href, new URL(config.files, window.location.href));
    if (launch.origin !== window.location.origin || launch.pathname.indexOf(config.files) !== 0) {
      say(message.dataset.cannotLaunch);
      return;
    }
    var frame = document.createElement("iframe");
    frame.title = init.title || content.dataset.scoTitle;
    frame.setAttribute("allow", "fullscreen");
    frame.addEventListener("load", function () { say(""); });
    frame.src = launch.pathname + launch.search + launch.hash;
    content.appendChild(frame);
  }

  // ---- H5P --------------------------------------------------------------------------------

  function isTopLevel(statement) {
    var context = statement.context || {};
    var activities = context.contextActivities || {};
    return !activities.parent || !activities.parent.length;
  }

  function startH5P(init) {
    var base = config.files.replace(/\/$/, "");
    var options = {
      id: config.files.split("/").filter(Boolean).pop(),
      h5pJsonPath: base,
      frameJs: config.vendor + "h5p-standalone/dist/frame.bundle.js",
      frameCss: config.vendor + "h5p-standalone/dist/styles/h5p.css",
      customJs: "/lecteur/h5p-hook.js",
      frame: false,
      fullScreen: false,
      icon: false,
      // H5P core keeps its instances and restores a previous state only with a save frequency;
      // without a data URL it saves nowhere: this script reads the state itself.
      saveFreq: 10,
    };
    if (init.state) {
      // H5P core reads contentUserData[subContentId][dataType] (H5P.getUserData).
      options.contentUserData = [{ state: init.state }];
    }
    content.classList.add("player--h5p");
    var lastState = init.state || "";
    var lastResult = null;

    function h5pWindow() {
      var frame = content.querySelector("iframe");
      try {
        if (frame && frame.contentWindow && frame.contentWindow.H5P) return frame.contentWindow;
      } catch (error) { /* not ready */ }
      return window;
    }

    function currentState() {
      var instance = h5pWindow().campusH5PInstance || window.campusH5PInstance;
      if (instance && typeof instance.getCurrentState === "function") {
        try {
          var value = instance.getCurrentState();
          return value === undefined ? "" : JSON.stringify(value);
        } catch (error) { return lastState; }
      }
      return lastState;
    }

    function relay(result) {
      if (result) lastResult = result;
      lastState = currentState();
      send("commit", { sco: "", state: lastState, result: lastResult });
    }

    function onStatement(event) {
      var statement = event.data && event.data.statement;
      if (!statement) return;
      send("xapi", { statement: JSON.parse(JSON.stringify(statement)) });
      var verb = ((statement.verb || {}).id || "").split("/").pop();
      if ((verb === "answered" || verb === "completed") && isTopLevel(statement) && statement.result) {
        var result = statement.result;
        relay({
          completion: result.completion !== false,
          success: typeof result.success === "boolean" ? result.success : null,
          score: result.score || null,
        });
      } else if (verb === "answered" || verb === "interacted") {
        relay(null);
      }
    }

    new window.H5PStandalone.H5P(content, options).then(function () {
      say("");
      var H5P = h5pWindow().H5P || window.H5P;
      H5P.externalDispatcher.on("xAPI", onStatement);
      if (H5P !== window.H5P && window.H5P && window.H5P.externalDispatcher) {
        window.H5P.externalDispatcher.on("xAPI", onStatement);
      }
      // The state also changes without xAPI statements (a page of a set): kept every 10 s.
      setInterval(function () {
        var state = currentState();
        if (state !== lastState) relay(null);
      }, 10000);
    }, function () {
      say(message.dataset.cannotLoad);
    });
  }

  // ---- Messages ---------------------------------------------------------------------------

  function unload() {
    // The campus page is about to leave: the SCO is unloaded first, so that what it reports on
    // its way out (LMSFinish/Terminate) reaches the campus page while it still listens.
    var frame = content.querySelector("iframe");
    if (frame && api) frame.remove();
    var asked = Date.now();
    (function done() {
      // The SCO's unload handlers may finish a moment later.
      if (api && api.isInitialized() && Date.now() - asked < 1000) {
        setTimeout(done, 50);
        return;
      }
      if (commitTimer || (api && api.isInitialized())) relayCommit(false);
      send("unloaded", {});
    })();
  }

  window.addEventListener("message", function (event) {
    if (event.origin !== CAMPUS || event.source !== window.parent) return;
    var data = event.data;
    if (!data || data.campus_package !== 1) return;
    if (data.type === "unload") {
      unload();
      return;
    }
    if (data.type !== "init" || started) return;
    started = true;
    current = data.sco || "";
    if (config.kind === "h5p") startH5P(data);
    else startScorm(data);
  });

  window.addEventListener("pagehide", function () {
    if (commitTimer) relayCommit(false);
  });

  // Said again until the campus page answers: its script may start listening after the first.
  send("ready", {});
  var readyTimer = setInterval(function () {
    if (started) clearInterval(readyTimer);
    else send("ready", {});
  }, 500);
})();
