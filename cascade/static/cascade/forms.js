// Buttons that tick or untick every checkbox of a name: data-check-all="present", data-uncheck-all="present".
document.addEventListener("click", (event) => {
  const button = event.target.closest("[data-check-all], [data-uncheck-all]");
  if (!button) return;
  const name = button.dataset.checkAll ?? button.dataset.uncheckAll;
  const checked = button.dataset.checkAll !== undefined;
  for (const box of button.form.querySelectorAll(`input[type=checkbox][name="${CSS.escape(name)}"]`)) {
    box.checked = checked;
  }
});
