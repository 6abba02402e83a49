// Progressive enhancement only: every page works without this file.
// Copy buttons: <button data-copy="element-id" hidden> copies that element's text.
document.querySelectorAll('button[data-copy]').forEach((button) => {
  const target = document.getElementById(button.dataset.copy || '');
  if (!target || !navigator.clipboard) return;
  button.hidden = false;
  const label = button.textContent;
  button.addEventListener('click', () => {
    navigator.clipboard.writeText(target.textContent || '').then(
      () => {
        button.textContent = 'Copied';
        setTimeout(() => (button.textContent = label), 1500);
      },
      () => {
        button.textContent = 'Copy failed: select the text instead';
      },
    );
  });
});
