// Progressive enhancement for a refused form (GOV.UK's error summary): the summary takes the
// focus, so that a screen reader reads it first, and each of its links puts the cursor in the
// field it names, its label in view. Without JavaScript the links still scroll to the field.
(function () {
  var summary = document.querySelector(".error-summary");
  if (!summary) { return; }
  summary.focus();
  summary.addEventListener("click", function (event) {
    var link = event.target.closest("a[href^='#']");
    var target = link && document.getElementById(link.getAttribute("href").slice(1));
    if (!target) { return; }
    event.preventDefault();
    var details = target.closest("details");
    if (details) { details.open = true; }
    var label = document.querySelector("label[for='" + target.id + "']") || target;
    label.scrollIntoView();
    target.focus({ preventScroll: true });
  });
})();
