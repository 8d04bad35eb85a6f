// careers: submit buttons marked data-once are disabled after the first click (the server
// also refuses a second application); buttons with data-confirm ask first.
(function () {
  document.addEventListener("submit", function (event) {
    var form = event.target;
    var confirmButton = form.querySelector("[data-confirm]");
    if (confirmButton && !window.confirm(confirmButton.getAttribute("data-confirm"))) {
      event.preventDefault();
      return;
    }
    var once = form.querySelector("[data-once]");
    if (once) {
      window.setTimeout(function () { once.disabled = true; }, 0);
    }
  });
})();
