// Progressive enhancement: a choice in a step form loads the next step at once.
// Without JavaScript the form's own button does the same.
document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
  select.addEventListener("change", function () {
    var form = select.form;
    // A changed aimag makes the soum and provider below it stale.
    var after = false;
    Array.prototype.forEach.call(form.querySelectorAll("select"), function (other) {
      if (after) { other.disabled = true; }
      if (other === select) { after = true; }
    });
    form.submit();
  });
});
