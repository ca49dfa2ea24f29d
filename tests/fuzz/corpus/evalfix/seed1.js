var e = eval; (0, eval)('x'); eval('y'); /eval/g; 'eval'; `${eval}`
// eval
