/* Sign-in pages: a countdown on "Send code" buttons after a code was sent (60 s).
   The forms work without this script; it only prevents pointless resends. */
(function () {
  "use strict";
  var buttons = document.querySelectorAll("button[data-resend-after][data-countdown]");
  Array.prototype.forEach.call(buttons, function (button) {
    var seconds = parseInt(button.getAttribute("data-resend-after"), 10) || 60;
    var label = button.textContent;
    var tick = function () {
      if (seconds <= 0) {
        button.disabled = false;
        button.textContent = label;
        return;
      }
      button.disabled = true;
      button.textContent = label + " (" + seconds + ")";
      seconds -= 1;
      window.setTimeout(tick, 1000);
    };
    tick();
  });
})();
