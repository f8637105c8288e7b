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
// An error summary link puts focus in its field (or the first box of a group), as GOV.UK's does.
document.querySelectorAll('.error-summary a[href^="#"]').forEach(function (link) {
  link.addEventListener('click', function (event) {
    var target = document.getElementById(link.getAttribute('href').slice(1));
    if (!target) return;
    var input = target.matches('input, textarea, select') ? target : target.querySelector('input, textarea, select');
    if (!input) return;
    event.preventDefault();
    history.replaceState(null, '', link.getAttribute('href'));
    input.focus();
    target.scrollIntoView();
  });
});
