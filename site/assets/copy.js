// Copy buttons for citations. Without JavaScript the buttons stay hidden and the citations are
// plain, selectable text.
(function () {
  "use strict";
  var script = document.currentScript;
  var copied = (script && script.getAttribute("data-copied")) || "Copied";
  function select(element) {
    var range = document.createRange();
    range.selectNodeContents(element);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
  }
  function copy(element) {
    var text = element.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    // From file:// and plain http, where the clipboard API is not offered: copy the selection.
    select(element);
    var done = document.execCommand && document.execCommand("copy");
    return done ? Promise.resolve() : Promise.reject(new Error("copy refused"));
  }
  var buttons = document.querySelectorAll("button[data-copy]");
  Array.prototype.forEach.call(buttons, function (button) {
    var target = document.getElementById(button.getAttribute("data-copy"));
    if (!target) return;
    var label = button.textContent;
    button.hidden = false;
    button.addEventListener("click", function () {
      copy(target).then(function () {
        button.textContent = copied;
        setTimeout(function () { button.textContent = label; }, 2000);
      }, function () {
        // The text stays selected for the reader to copy by hand.
        select(target);
      });
    });
  });
})();
