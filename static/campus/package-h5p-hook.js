/*
 * Loaded by h5p-standalone into the H5P content's frame (its `customJs` option), on the content
 * origin, after H5P's core and before the content starts: keeps the content's root instance,
 * whose getCurrentState() the player (package-runtime.js) saves with the results.
 */
(function () {
  "use strict";
  var H5P = window.H5P;
  if (!H5P || typeof H5P.newRunnable !== "function") return;
  var newRunnable = H5P.newRunnable;
  H5P.newRunnable = function (library, contentId, attachTo, skipResize, extras) {
    var instance = newRunnable.apply(this, arguments);
    if (instance && !window.campusH5PInstance && !(extras && extras.parent)) {
      window.campusH5PInstance = instance;
    }
    return instance;
  };
})();
