// Draws the trend chart from the canvas's data attributes (no inline script: the CSP forbids it).
// The same numbers are in the table next to it, so the page is complete without JavaScript.
(function () {
  var canvas = document.getElementById('team-trend');
  if (!canvas || typeof Chart === 'undefined') { return; }
  var labels = (canvas.dataset.labels || '').split('|');
  var values = (canvas.dataset.values || '').split('|').map(Number);
  new Chart(canvas, {
    type: 'line',
    data: { labels: labels, datasets: [{ label: canvas.dataset.series, data: values, borderColor: '#0b3d6e', tension: 0.2 }] },
    options: { scales: { y: { min: 1, max: 5 } }, animation: false }
  });
})();
