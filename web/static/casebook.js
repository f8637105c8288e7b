// Small enhancements only: every page works without this script.
// Apply a facet as soon as its checkbox changes (the form still has its button).
document.querySelectorAll('form[data-auto-submit]').forEach(function (form) {
  form.addEventListener('change', function (event) {
    if (event.target && event.target.type === 'checkbox') form.submit();
  });
});
// Move focus to an error summary so screen-reader users hear it first.
var summary = document.querySelector('.error-summary');
if (summary) summary.focus();
