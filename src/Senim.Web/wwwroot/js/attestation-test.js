// The attestation test page works without this script (every answer is a form post). With it, the clock counts down
// from the server's remaining time (not the device's clock) and answers are saved through the API; any refusal falls
// back to the ordinary form post, whose page shows the server's reason.
(function () {
  'use strict';
  var clock = document.getElementById('clock');
  var value = document.getElementById('clock-value');
  if (clock && value) {
    var remaining = parseInt(clock.dataset.remaining, 10) || 0;
    var started = performance.now();
    var timer = setInterval(function () {
      var left = Math.max(0, remaining - Math.floor((performance.now() - started) / 1000));
      value.textContent = Math.floor(left / 60) + ':' + String(left % 60).padStart(2, '0');
      if (left <= 0) { clearInterval(timer); window.location.href = clock.dataset.expiredUrl; }
    }, 1000);
  }
  var form = document.getElementById('answer-form');
  if (!form || !window.fetch) { return; }
  form.addEventListener('submit', function (event) {
    var submitter = event.submitter;
    if (submitter && submitter.value === 'prev') { return; }
    var fieldset = form.querySelector('fieldset');
    var kind = fieldset ? fieldset.dataset.kind : '';
    var body = { questionId: form.elements.questionId.value, revision: parseInt(form.elements.revision.value, 10) || 0 };
    if (kind === 'SingleChoice' || kind === 'MultipleChoice') {
      body.choices = Array.prototype.slice.call(form.querySelectorAll('input[name=choices]:checked')).map(function (i) { return parseInt(i.value, 10); });
    } else if (kind === 'TrueFalse') {
      var t = form.querySelector('input[name=truth]:checked');
      if (t) { body.truth = t.value === 'true'; }
    } else {
      var n = parseFloat(String(form.elements.value.value).replace(',', '.'));
      if (!isNaN(n)) { body.value = n; }
    }
    event.preventDefault();
    fetch(form.dataset.api, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
      .then(function (r) {
        if (r.ok) { window.location.href = form.dataset.next; } else { form.submit(); }
      })
      .catch(function () { form.submit(); });
  });
})();
